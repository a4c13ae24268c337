"""Runs one burdenmap command and maps what it says to the Processing feedback.

stderr carries --json-progress lines ({"progress":0.42,"stage":"...","elapsed_s":1.3}), which
become the progress bar and its text; "warning: ..." lines, which go to the log as warnings; and
"error: ..." (the last thing before exit 1 or 2), which becomes the QgsProcessingException. stdout
(the summary) goes to the log as it comes.

Cancel: the feedback is polled every 100 ms; on Cancel the tool gets one SIGTERM, stops within a
second or two, removes its temporary files and exits 130. That is a cancelled result, not an
error: run() returns CANCELLED and the algorithm returns no outputs (as QGIS's own algorithms
return what they have when the feedback is cancelled), so a model or batch stops without an error
dialog. A second signal would end the tool at once and leave hidden temporaries, so none is sent
unless it ignores the first for KILL_AFTER_S.
"""
import json
import queue
import signal
import subprocess
import threading
import time

from qgis.core import QgsProcessingException

from . import binary

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_SITES_FAIL, EXIT_CANCELLED = 0, 1, 2, 3, 130
CANCELLED = "cancelled"
POLL_S = 0.1
KILL_AFTER_S = 30.0


class Result:
    def __init__(self, code, stdout):
        self.code = code
        self.stdout = stdout

    @property
    def cancelled(self):
        return self.code == EXIT_CANCELLED


def _pump(stream, name, lines):
    # One thread per pipe: reading both in the algorithm's thread could block on one while the
    # tool waits for the other to be drained.
    for line in iter(stream.readline, ""):
        lines.put((name, line.rstrip("\n")))
    stream.close()
    lines.put((name, None))


def _command(args):
    command = [binary.find(), "--json-progress"] + [str(a) for a in args]
    # A child keeps a signal its parent ignores (the tool honours that, as nohup needs): where this
    # QGIS ignores SIGTERM, env resets it to the default so that Cancel can reach the tool.
    if signal.getsignal(signal.SIGTERM) == signal.SIG_IGN:
        command = ["env", "--default-signal=TERM"] + command
    return command


def run(args, feedback, allowed_codes=(EXIT_OK,)):
    """Runs `burdenmap --json-progress ARGS...`; returns a Result (stdout lines, exit code).

    Exit 1 or 2 (and any code not in allowed_codes) raises QgsProcessingException with the tool's
    message, which names the file or config key. Exit 130 returns a cancelled Result.
    """
    command = _command(args)
    feedback.pushCommandInfo(" ".join(_quote(c) for c in command))
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", errors="replace", bufsize=1)
    lines = queue.Queue()
    for stream, name in ((process.stdout, "out"), (process.stderr, "err")):
        threading.Thread(target=_pump, args=(stream, name, lines), daemon=True).start()

    stdout, error, stage, open_pipes = [], [], None, 2
    terminated_at = None
    while open_pipes or process.poll() is None:
        if feedback.isCanceled() and terminated_at is None and process.poll() is None:
            feedback.pushInfo("Cancel: asking burdenmap to stop (SIGTERM)")
            process.send_signal(signal.SIGTERM)
            terminated_at = time.monotonic()
        if terminated_at is not None and time.monotonic() - terminated_at > KILL_AFTER_S and process.poll() is None:
            process.kill()
        try:
            name, line = lines.get(timeout=POLL_S)
        except queue.Empty:
            continue
        if line is None:
            open_pipes -= 1
        elif name == "out":
            stdout.append(line)
            feedback.pushConsoleInfo(line)
        else:
            stage = _stderr_line(line, feedback, stage, error)
    code = process.wait()

    if code == EXIT_CANCELLED or (terminated_at is not None and code != EXIT_OK):
        feedback.pushWarning("Cancelled: burdenmap stopped and removed its temporary files; no outputs were written.")
        return Result(EXIT_CANCELLED, stdout)
    if code not in allowed_codes:
        message = "\n".join(error).strip() or "burdenmap exited with code %d" % code
        raise QgsProcessingException("burdenmap %s failed (exit %d): %s" % (args[0], code, message))
    feedback.setProgress(100)
    return Result(code, stdout)


def _stderr_line(line, feedback, stage, error):
    """Handles one stderr line; returns the current stage."""
    if line.startswith("{"):
        try:
            progress = json.loads(line)
        except ValueError:
            progress = None
        if isinstance(progress, dict) and "progress" in progress:
            if progress.get("stage") and progress["stage"] != stage:
                stage = progress["stage"]
                feedback.setProgressText(stage)
            feedback.setProgress(max(0.0, min(100.0, 100.0 * float(progress["progress"]))))
            return stage
    if error:  # the error message goes on over several lines
        error.append(line)
    elif line.startswith("error: "):
        error.append(line[len("error: "):])
    elif line.startswith("warning: "):
        feedback.pushWarning(line)
    elif line.strip():
        feedback.pushInfo(line)
    return stage


def _quote(arg):
    return arg if arg and all(c.isalnum() or c in "-_./=:," for c in arg) else "'%s'" % arg.replace("'", "'\\''")


def outputs_of(stdout):
    """The paths a run lists under "Outputs:" (the config's [output] names, in the output folder)."""
    paths, inside = [], False
    for line in stdout:
        if line == "Outputs:":
            inside = True
        elif inside and line.startswith("  "):
            paths.append(line.strip())
        elif inside:
            break
    return paths


def methods_json():
    """`burdenmap methods --json`, parsed (no feedback: called while the algorithms are built)."""
    done = subprocess.run([binary.find(), "methods", "--json"], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    if done.returncode != 0:
        raise QgsProcessingException("burdenmap methods --json failed: " + done.stderr.strip())
    return json.loads(done.stdout)

