"""Runs Spark SQL for mixmodeler (issue 23, `--engine spark`): one SparkSession, jobs in turn.

Reads JSON lines on stdin. The first line opens the session; every further line is a job:

    {"master": "local[2]" | "yarn" | "spark://host:7077" | "sc://host:15002",
     "appName": "mixmodeler", "conf": {"spark.sql.shuffle.partitions": "4"}}
    {"inputs": {"events": {"parquet": "/data/events"}, "users": {"table": "crm.users"}},
     "statements": ["CACHE TABLE mm_events AS SELECT ...", "CREATE OR REPLACE TEMP VIEW n AS ..."],
     "collect": {"checks": "SELECT COUNT(*) AS events FROM mm_events"},
     "outputs": {"n": "file:///tmp/out/n"}}

The session starts on the master (a Spark Connect URL through `SparkSession.builder.remote`). A job
registers each input (a Parquet file or folder, with `rowIndex` its file name and row index as
`_file` and `_row` and with `fileSchemas` each file's columns as the view `<view>_schemas`, or a table
of the session's catalog) as a temp view, runs the statements in
order, returns each `collect` query's rows on stdout (small results) and writes each output view as
Parquet to its folder (which must not exist yet: the caller moves it into place). Relations and
cached tables stay for the next job; the session stops at the end of stdin.

Progress goes to stdout as JSON lines (`{"event": "session", "seconds": 9.1}`, `{"event": "rows",
"name": "checks", "rows": [...]}`, `{"event": "done", "job": 1}` after each job). A failure is one JSON
line on stderr, `{"mixmodelerError": {"kind": ..., "message": ..., "job": n, ...where}}`, and exit
code 2 (the job: an input, a statement, an output) or 3 (Spark itself: it did not start, it died).
Spark's own log goes to stderr.
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


def read_line(what):
    line = sys.stdin.readline()
    if not line:
        return None
    try:
        value = json.loads(line)
    except ValueError as e:
        raise JobError("job", f"the {what} on stdin is not JSON: {e}")
    if not isinstance(value, dict):
        raise JobError("job", f"the {what} on stdin must be a JSON object")
    return value


def check_job(job):
    for key, kind in (("inputs", dict), ("statements", list), ("collect", dict), ("outputs", dict)):
        job.setdefault(key, kind())
        if not isinstance(job[key], kind):
            raise JobError("job", f"`{key}` must be a JSON {'object' if kind is dict else 'list'}")
    for view in list(job["inputs"]) + list(job["outputs"]):
        if not IDENTIFIER.match(view):
            raise JobError("job", f"view name {json.dumps(view)} must be letters, digits and _", view=view)
    return job


def start_session(session):
    from pyspark.logger import PySparkLogger
    from pyspark.sql import SparkSession

    # A failed statement is reported once, in the error line, not also logged with its stack.
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        PySparkLogger.getLogger(name).disabled = True

    master = session.get("master") or "local[2]"
    builder = SparkSession.builder.appName(session.get("appName") or "mixmodeler")
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
    conf.update({str(k): str(v) for k, v in (session.get("conf") or {}).items()})
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
                if source.get("fileSchemas"):
                    register_file_schemas(spark, view, frame)
                if source.get("rowIndex"):
                    # Parquet's hidden columns: which file a row came from and its index there.
                    frame = frame.select("*", "_metadata.file_name", "_metadata.row_index")
                    frame = frame.withColumnsRenamed({"file_name": "_file", "row_index": "_row"})
            else:
                raise JobError("job", f"input `{view}` must name a `parquet` path or a `table`", view=view)
            frame.createOrReplaceTempView(view)
        except JobError:
            raise
        except Exception as e:
            where = {"view": view, **{k: v for k, v in source.items() if k not in ("rowIndex", "fileSchemas")}}
            raise JobError("input", first_line(e), **where)
        tell("input", view=view)


def register_file_schemas(spark, view, frame):
    """Each file's own columns as the view `<view>_schemas` (`file, col_name, data_type`): Spark reads a
    folder with one file's schema, so a file lacking a column would give NULLs and one with another type
    would fail mid-job. Only the files' footers are read, on the driver."""
    rows = []
    for path in sorted(frame.inputFiles()):
        name = path.rstrip("/").rsplit("/", 1)[-1]
        for field in spark.read.parquet(path).schema.fields:
            rows.append((name, field.name, field.dataType.simpleString()))
    schema = "file string, col_name string, data_type string"
    spark.createDataFrame(rows, schema).createOrReplaceTempView(f"{view}_schemas")


def run_statements(spark, statements):
    for index, statement in enumerate(statements):
        if not isinstance(statement, str):
            raise JobError("job", f"statement {index + 1} must be a string", statement=index + 1)
        try:
            spark.sql(statement)
        except Exception as e:
            raise JobError("statement", first_line(e), statement=index + 1)
        tell("statement", statement=index + 1)


def collect(spark, queries):
    for name, query in queries.items():
        try:
            rows = [row.asDict(recursive=True) for row in spark.sql(query).collect()]
        except Exception as e:
            raise JobError("collect", first_line(e), name=name)
        # Decimals and times as text; BIGINTs stay exact integers in the JSON.
        print(json.dumps({"event": "rows", "name": name, "rows": rows}, default=str), flush=True)


def write_outputs(spark, outputs):
    for view, path in outputs.items():
        try:
            # (the default mode refuses an existing folder; Spark Connect knows no "errorifexists")
            spark.table(view).write.parquet(path)
        except Exception as e:
            # A query's runtime errors (ANSI casts, division by zero) surface here, at the first action.
            raise JobError("output", first_line(e), view=view, path=path)
        tell("output", view=view, path=path)


def run_job(spark, job):
    check_job(job)
    register_inputs(spark, job["inputs"])
    run_statements(spark, job["statements"])
    collect(spark, job["collect"])
    write_outputs(spark, job["outputs"])


def main():
    spark = None
    number = 0
    try:
        session = read_line("session")
        if session is None:
            raise JobError("job", "no session line on stdin")
        spark = start_session(session)
        while True:
            job = read_line("job")
            if job is None:
                return 0
            number += 1
            run_job(spark, job)
            tell("done", job=number)
    except JobError as e:
        report = {"kind": e.kind, "message": str(e), "job": number, **e.where}
        code = 3 if e.kind == "spark" else 2
    except Exception as e:  # Spark died under us (the JVM, the connection): not the job's fault
        report = {"kind": "spark", "message": f"{type(e).__name__}: {first_line(e)}", "job": number}
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
