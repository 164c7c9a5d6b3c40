"""Scale-out on Apache Spark: the extraction of ``dyad extract`` over millions of articles, into Parquet.

``job.py`` runs the extraction; ``aggregate.py`` computes the dyad and issue series in Spark SQL;
``loading.py`` loads the Parquet output into the SQLite store; ``duckdb_views.py`` queries it in place.
Only ``job.py``, ``inputs.py``, ``near_duplicates.py``, ``aggregate.py`` and ``session.py`` need pyspark.
"""

from dyad.ingest.formats import READERS

# What ``dyad spark extract`` reads: the registry's formats that need no fetching (feeds fetch linked
# pages) and Parquet datasets, which Spark reads itself. The choices of ``--as``.
FORMATS: tuple[str, ...] = (*(f for f, reader in READERS.items() if not reader.fetches), "parquet")
