"""Holds a workbook open in LibreOffice, as a colleague would, until a line arrives on stdin.

Usage: /usr/bin/python3 test/support/hold-open.py <workbook>
Prints "open" once LibreOffice has loaded it for editing (its .~lock.<name># file is then beside it),
then waits; on a line (or end of input) it closes the document without saving and stops LibreOffice,
which removes the lock file. Uses the interop corpus's LibreOffice session (scripts/interop/lo_session.py).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'scripts', 'interop'))
from lo_session import LibreOffice, file_url, props  # noqa: E402

with LibreOffice() as lo:
    doc = lo.desktop.loadComponentFromURL(file_url(sys.argv[1]), '_blank', 0, props(Hidden=True))
    print('open', flush=True)
    sys.stdin.readline()
    doc.close(True)
