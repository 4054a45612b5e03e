"""Runs a list of Spark SQL statements for mixmodeler (issue 23, `--engine spark`).

Reads one JSON job on stdin:

    {"master": "local[2]" | "yarn" | "spark://host:7077" | "sc://host:15002",
     "appName": "mixmodeler",
     "conf": {"spark.sql.shuffle.partitions": "4"},
     "inputs": {"events": {"parquet": "/data/events"}, "users": {"table": "crm.users"}},
     "statements": ["CREATE OR REPLACE TEMP VIEW patterns AS SELECT ..."],
     "outputs": {"patterns": "/tmp/out/patterns"}}

starts a SparkSession on the master (a Spark Connect URL through `SparkSession.builder.remote`),
registers each input (a Parquet file or folder, or a table of the session's catalog) as a temp view,
runs the statements in order, and writes each output view as Parquet to its folder (which must not
exist yet: the caller moves it into place). Progress goes to stdout as JSON lines
(`{"event": "session", "seconds": 9.1}`); a failure is one JSON line on stderr,
`{"mixmodelerError": {"kind": ..., "message": ..., ...where}}`, and exit code 2 (the job: an input,
a statement, an output) or 3 (Spark itself: it did not start, it died). Spark's own log goes to stderr.
"""

import json
import os
import re
import sys
import time

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
STARTED = time.monotonic()


class JobError(Exception):
    """A failure of the job: `kind` is input | statement | output | job | spark; `where` names it."""

    def __init__(self, kind, message, **where):
        super().__init__(message)
        self.kind = kind
        self.where = where


def tell(event, **fields):
    print(json.dumps({"event": event, "seconds": round(time.monotonic() - STARTED, 2), **fields}), flush=True)


def first_line(error, limit=600):
    """An exception's first line (Spark's own message: its condition, text and SQLSTATE; not the
    logical plan, the SQL or the JVM stack that follow), cut to `limit` characters."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    return text if len(text) <= limit else text[:limit] + "…"


def read_job():
    try:
        job = json.load(sys.stdin)
    except ValueError as e:
        raise JobError("job", f"the job on stdin is not JSON: {e}")
    if not isinstance(job, dict):
        raise JobError("job", "the job on stdin must be a JSON object")
    for key, kind in (("inputs", dict), ("statements", list), ("outputs", dict), ("conf", dict)):
        job.setdefault(key, kind())
        if not isinstance(job[key], kind):
            raise JobError("job", f"`{key}` must be a JSON {'object' if kind is dict else 'list'}")
    for view in list(job["inputs"]) + list(job["outputs"]):
        if not IDENTIFIER.match(view):
            raise JobError("job", f"view name {json.dumps(view)} must be letters, digits and _", view=view)
    return job


def start_session(job):
    from pyspark.logger import PySparkLogger
    from pyspark.sql import SparkSession

    # A failed statement is reported once, in the error line, not also logged with its stack.
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        PySparkLogger.getLogger(name).disabled = True

    master = job.get("master") or "local[2]"
    builder = SparkSession.builder.appName(job.get("appName") or "mixmodeler")
    conf = {}
    if master.startswith("sc://"):
        builder = builder.remote(master)
    else:
        builder = builder.master(master)
        # Static settings a Spark Connect server would refuse; the caller's conf wins.
        conf["spark.ui.enabled"] = "false"
        conf["spark.ui.showConsoleProgress"] = "false"
        if master.startswith("local"):
            # 200 shuffle partitions (Spark's default, sized for clusters) cost seconds on small data.
            conf["spark.sql.shuffle.partitions"] = "4"
            # One JVM for a short job on a small machine: the quick JIT only and one GC thread start
            # and finish it in half the time (small jobs here: 25 s instead of 65 s on 2 busy cores).
            conf["spark.driver.extraJavaOptions"] = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    # Timestamps without a zone are read as UTC, as DuckDB reads them.
    conf["spark.sql.session.timeZone"] = "UTC"
    conf.update({str(k): str(v) for k, v in job["conf"].items()})
    for key, value in conf.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as e:
        raise JobError("spark", f"Spark did not start on {master}: {first_line(e)}", master=master)
    tell("session", master=master, version=spark.version)
    return spark


def register_inputs(spark, inputs):
    for view, source in inputs.items():
        if isinstance(source, str):
            source = {"parquet": source}
        try:
            if "table" in source:
                frame = spark.table(source["table"])
            elif "parquet" in source:
                frame = spark.read.parquet(source["parquet"])
            else:
                raise JobError("job", f"input `{view}` must name a `parquet` path or a `table`", view=view)
            frame.createOrReplaceTempView(view)
        except JobError:
            raise
        except Exception as e:
            where = {"view": view, **source}
            raise JobError("input", first_line(e), **where)
        tell("input", view=view)


def run_statements(spark, statements):
    for index, statement in enumerate(statements):
        if not isinstance(statement, str):
            raise JobError("job", f"statement {index + 1} must be a string", statement=index + 1)
        try:
            spark.sql(statement)
        except Exception as e:
            raise JobError("statement", first_line(e), statement=index + 1)
        tell("statement", statement=index + 1)


def write_outputs(spark, outputs):
    for view, path in outputs.items():
        try:
            spark.table(view).write.mode("errorifexists").parquet(path)
        except Exception as e:
            # A query's runtime errors (ANSI casts, division by zero) surface here, at the first action.
            raise JobError("output", first_line(e), view=view, path=path)
        tell("output", view=view, path=path)


def main():
    spark = None
    try:
        job = read_job()
        spark = start_session(job)
        register_inputs(spark, job["inputs"])
        run_statements(spark, job["statements"])
        write_outputs(spark, job["outputs"])
        tell("done")
        return 0
    except JobError as e:
        report = {"kind": e.kind, "message": str(e), **e.where}
        code = 3 if e.kind == "spark" else 2
    except Exception as e:  # Spark died under us (the JVM, the connection): not the job's fault
        report = {"kind": "spark", "message": f"{type(e).__name__}: {first_line(e)}"}
        code = 3
    finally:
        if spark is not None:
            try:
                spark.stop()
            except Exception:
                pass
    sys.stderr.write(json.dumps({"mixmodelerError": report}) + "\n")
    sys.stderr.flush()
    return code


if __name__ == "__main__":
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sys.exit(main())
