# Whether two .xlsx files hold the same workbook: the same parts, in the same order, each unzipping to
# the same bytes (only the compression may differ). Issue 23 changed how parts are deflated, not what
# they hold: `python3 scripts/bench/same-parts.py before.xlsx after.xlsx`.
import os
import sys
import zipfile

a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
names_a, names_b = a.namelist(), b.namelist()
same = names_a == names_b
if not same:
    print('the lists of parts differ:', names_a, names_b)
for name in names_a:
    if name in names_b and a.read(name) != b.read(name):
        same = False
        print('differs:', name)
total = sum(a.getinfo(n).file_size for n in names_a)
print(f"{'SAME' if same else 'DIFFERENT'}: {len(names_a)} parts, {total:,} bytes unzipped; "
      f"files {os.path.getsize(sys.argv[1]):,} -> {os.path.getsize(sys.argv[2]):,} bytes")
sys.exit(0 if same else 1)
