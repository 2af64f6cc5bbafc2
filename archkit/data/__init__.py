"""Data design, the pure part: the index plan, the schema (DDL) per dialect, the SQL of each
access pattern and the migration plan between two model versions. Nothing here runs a
database; ``archkit.data_proof`` does, at the edge."""
