"""What the python corpus writers share: the example data, fixed dates, and a pinned zip clock.

The example data comes from example-data.ts (a compact copy of src/example/rollout.ts) as JSON.
Every writer records, for corpus.json, which Throughline tables it wrote where and which features
the file carries; make-corpus.sh merges those records with facts read back from each package.
"""
import contextlib
import datetime
import json
import re
import time
import zipfile

# Every file claims to be made at the example's as-of date, by the same author.
FIXED_DATETIME = datetime.datetime(2026, 6, 30, 9, 0, 0)
CREATOR = 'Throughline interop corpus'
ISO_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')


def load_example(path):
    with open(path, encoding='utf-8') as f:
        data = json.load(f)
    return data, {s['sheet']: s for s in data['sheets']}


def cell_value(sheet, col, value):
    """A JSON cell value as the writer should store it: ISO dates in date columns become dates."""
    if isinstance(value, str) and col in sheet['dateColumns'] and ISO_DATE.match(value):
        return datetime.datetime.strptime(value, '%Y-%m-%d')
    return value


def rows_of(sheet):
    return [[cell_value(sheet, c, v) for c, v in enumerate(r)] for r in sheet['rows']]


def col_letter(n):
    """1 -> A, 27 -> AA."""
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def area(top_row, left_col, n_rows, n_cols):
    """An A1 range from a 1-based top-left corner and a size."""
    return '%s%d:%s%d' % (col_letter(left_col), top_row, col_letter(left_col + n_cols - 1), top_row + n_rows - 1)


def number_format(data, header):
    return data['formats'].get(header)


class _FixedClock:
    """Stands in for the time module inside zipfile, whose writestr() stamps each entry with now."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def time(self):
        return time.mktime(FIXED_DATETIME.timetuple())

    def localtime(self, secs=None):
        return FIXED_DATETIME.timetuple()


@contextlib.contextmanager
def pinned_zip_clock():
    """Zip entries written inside get FIXED_DATETIME instead of the clock, so output is reproducible.

    Only the entries' timestamps change: the writer's own parts, order and compression are untouched."""
    real = zipfile.time
    zipfile.time = _FixedClock(real)
    try:
        yield
    finally:
        zipfile.time = real


class Manifest:
    """The writer's own account of a file, one entry of corpus.json (package facts are added later)."""

    def __init__(self):
        self.entries = []

    def add(self, path, writer, kind, tables, features, notes=None, source=None):
        entry = {'path': path, 'writer': writer, 'kind': kind, 'tables': tables, 'features': sorted(set(features))}
        if source:
            entry['source'] = source
        if notes:
            entry['notes'] = notes
        self.entries.append(entry)

    def save(self, path):
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(self.entries, f, indent=1)


def table_entry(kind, sheet, ref, name=None, header_row=None):
    """Where one Throughline input table is: a formal table (name) or a plain header-row range."""
    e = {'kind': kind, 'sheet': sheet, 'ref': ref, 'formal': name is not None}
    if name is not None:
        e['name'] = name
    if header_row is not None:
        e['headerRow'] = header_row
    return e


# The Throughline kind each example sheet feeds (the History table lives on a sheet called Check-ins).
KIND_OF_SHEET = {'Objectives': 'Objectives', 'KPIs': 'KPIs', 'Initiatives': 'Initiatives',
                 'Dependencies': 'Dependencies', 'Check-ins': 'History', 'Settings': 'Settings'}
