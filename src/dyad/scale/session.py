"""The Spark session dyad's jobs run in: local for tests and laptops, the cluster's under spark-submit."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from dyad.errors import DyadError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

# Settings every dyad job relies on; a cluster's own spark-defaults win where they are set there.
DEFAULTS: Mapping[str, str] = {
    # Re-running a job replaces only the partitions it writes (idempotent re-runs, other runs kept).
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    # Python workers stay up between tasks, so each loads the spaCy pipeline once.
    "spark.python.worker.reuse": "true",
    # Extraction is CPU-bound per article: small Arrow batches keep every worker busy to the end.
    "spark.sql.execution.arrow.maxRecordsPerBatch": "64",
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.showConsoleProgress": "false",
}


class SparkUnavailable(DyadError):
    """pyspark or Java is missing."""

    code = "E700"


def spark_session(
    master: str | None = None, *, app_name: str = "dyad", config: Mapping[str, str] | None = None
) -> SparkSession:
    """The active Spark session, or a new one.

    ``master`` (``local[2]``, ``yarn``, ``k8s://...``) is for runs outside spark-submit; under spark-submit
    leave it None and the submitted settings apply; outside it None means ``local[*]``. A local master runs
    the Python workers with this interpreter, so they import the same dyad and models as the driver.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailable("pyspark is not installed; run `pip install 'dyad[spark]'`") from exc
    builder = SparkSession.builder.appName(app_name)
    if master is None and not submitted():
        # What Spark would pick anyway, said outright so the workers get this interpreter below: the
        # `python3` on PATH is often another Python, without dyad (ModuleNotFoundError in every task).
        master = "local[*]"
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in {**DEFAULTS, **(config or {})}.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing or the wrong version surfaces here, as a JVM start error
        lines = str(exc).strip().splitlines() or [type(exc).__name__]  # the first line, not the JVM's log
        raise SparkUnavailable(f"cannot start Spark (is Java 17 installed and on PATH?): {lines[0]}") from exc
    _skip_local_checksums(session)
    log.info("Spark %s, master %s", session.version, session.sparkContext.master)
    return session


def submitted() -> bool:
    """Whether this driver was started by spark-submit (which hands it the JVM's gateway port)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def _skip_local_checksums(session: SparkSession) -> None:
    """No ``.crc`` side file beside each Parquet file written to a local disk by this JVM.

    Parquet checks its own pages; on a local disk each side file costs a ``chmod`` process (Hadoop ships no
    native library with pyspark), which made up a fifth of a local run's writing. In a local session the
    executors share the driver's JVM, so its cached local file system is theirs too; HDFS and object
    stores are not affected.
    """
    context = session.sparkContext
    jvm: Any = context._jvm
    jvm.org.apache.hadoop.fs.FileSystem.getLocal(context._jsc.hadoopConfiguration()).setWriteChecksum(False)
