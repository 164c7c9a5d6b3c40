"""Scale-out on Apache Spark: the extraction of ``dyad extract`` over millions of articles, into Parquet.

``job.py`` runs the extraction; ``aggregate.py`` computes the dyad and issue series in Spark SQL;
``loading.py`` loads the Parquet output into the SQLite store; ``duckdb_views.py`` queries it in place.
Only ``job.py``, ``inputs.py``, ``near_duplicates.py``, ``aggregate.py`` and ``session.py`` need pyspark.
"""
