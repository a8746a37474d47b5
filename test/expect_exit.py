#!/usr/bin/env python3
"""expect_exit.py N cmd args...: runs cmd, passes its output through, and
fails unless it exits with status N (a signal is always a failure)."""
import subprocess
import sys

want = int(sys.argv[1])
proc = subprocess.run(sys.argv[2:])
if proc.returncode < 0:
    sys.exit("killed by signal %d" % -proc.returncode)
if proc.returncode != want:
    sys.exit("exit status %d, expected %d" % (proc.returncode, want))
