"""One headless LibreOffice for a whole batch of files, reached over UNO.

The session owns its soffice process: a private profile in a fresh temporary folder (so it never
meets a user's running LibreOffice or their settings), a pipe name of its own, and a hard stop at
the end (terminate, then kill). A watchdog kills soffice when one call hangs, so a caller can
report that file as timed out, restart, and go on with the next.

Needs the Debian packages libreoffice-calc-nogui and python3-uno, and the system python3
(/usr/bin/python3), whose site-packages hold the uno module.
"""
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import uno  # noqa: F401  (registers the com.sun.star import hook)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def props(**kwargs):
    """A tuple of PropertyValue, the form loadComponentFromURL and storeToURL take."""
    out = []
    for name, value in kwargs.items():
        p = PropertyValue()
        p.Name = name
        p.Value = value
        out.append(p)
    return tuple(out)


def file_url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


class Timeout(Exception):
    pass


class LibreOffice:
    """Start with `with LibreOffice() as lo:`; lo.desktop is the frame loader."""

    def __init__(self, start_timeout=60.0):
        self.start_timeout = start_timeout
        self.proc = None
        self.profile = None
        self.desktop = None
        self.ctx = None
        self.restarts = 0

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        self.profile = tempfile.mkdtemp(prefix='throughline-lo-')
        pipe = 'throughline_%d_%d' % (os.getpid(), int(time.time() * 1000) % 1_000_000)
        soffice = shutil.which('soffice') or '/usr/bin/soffice'
        self.proc = subprocess.Popen(
            [soffice, '--headless', '--invisible', '--nologo', '--norestore', '--nodefault',
             '--nolockcheck', '-env:UserInstallation=' + file_url(self.profile),
             '--accept=pipe,name=%s;urp;StarOffice.ComponentContext' % pipe],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                self.ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
                break
            except NoConnectException:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError('LibreOffice did not start (soffice exit %s)' % self.proc.returncode)
                time.sleep(0.2)
        self.desktop = self.ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', self.ctx)

    def stop(self):
        if self.desktop is not None:
            try:
                self.desktop.terminate()
            except Exception:
                pass
            self.desktop = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._kill()
            self.proc = None
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def _kill(self):
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()

    def restart(self):
        self._kill()
        self.desktop = None
        self.stop()
        self.restarts += 1
        self.start()

    def create(self, name, *args):
        return self.ctx.ServiceManager.createInstanceWithContext(name, self.ctx) if not args else \
            self.ctx.ServiceManager.createInstanceWithArgumentsAndContext(name, args, self.ctx)

    def guarded(self, seconds, fn, *args):
        """Runs fn(*args); if it has not returned after `seconds`, kills soffice and raises Timeout.

        The caller then calls restart() before the next file."""
        fired = threading.Event()

        def fire():
            fired.set()
            self._kill()

        timer = threading.Timer(seconds, fire)
        timer.daemon = True
        timer.start()
        try:
            return fn(*args)
        except Exception:
            if fired.is_set():
                raise Timeout('no answer from LibreOffice within %gs' % seconds)
            raise
        finally:
            timer.cancel()

    def load(self, path, hidden=True, read_only=True, macros=False):
        """Opens a file without running its macros or updating its external links."""
        # MacroExecutionMode 0 = NEVER_EXECUTE (4 = ALWAYS_EXECUTE_NO_WARN); UpdateDocMode 0 = NO_UPDATE.
        doc = self.desktop.loadComponentFromURL(
            file_url(path), '_blank', 0,
            props(Hidden=hidden, ReadOnly=read_only, MacroExecutionMode=4 if macros else 0,
                  UpdateDocMode=0, Silent=True))
        if doc is None:
            raise RuntimeError('LibreOffice could not open the file')
        return doc
