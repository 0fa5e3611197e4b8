#!/usr/bin/env python3
"""Builds server/security/name-lexicon/given-names.tsv from two openly licensed lists of given
names (source, commit and licence: server/security/name-lexicon/README.md).

  python3 scripts/name-lexicon.py NAMOR_DATA_DIR NICKNAMES_CSV > server/security/name-lexicon/given-names.tsv

NAMOR_DATA_DIR: the data/ folder of DLu/namor_data (YAML per script, from Wiktionary);
NICKNAMES_CSV: names.csv of carltonnorthern/nicknames. Each line of the output is a given name,
a tab, and the names it stands for (|-separated): what namor_data says it is equivalent to
(translations, through English), a variant of or short for, and the names whose nickname it is
in the nicknames list. Names are folded as the matcher folds them (accents off, lower case) and
kept when Latin letters only, two or more. No evaluation data is read here.
"""
import csv, glob, os, re, sys, unicodedata
import yaml

def norm(s):
    for a, b in [('đ', 'dj'), ('ł', 'l'), ('ı', 'i'), ('ø', 'o'), ('ß', 'ss'), ('æ', 'ae'), ('œ', 'oe')]:
        s = s.replace(a, b).replace(a.upper(), b.upper())
    s = ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c)).lower()
    return s if re.fullmatch('[a-z]{2,}', s) else None

heads = {}
def add(name, head):
    n, h = norm(name), norm(head)
    if n and h and n != h:
        heads.setdefault(n, set()).add(h)

for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.yaml'))):
    with open(path, encoding='utf-8') as f:
        data = yaml.safe_load(f) or {}
    for name, props in data.items():
        for rel in ('is_equivalent_to', 'is_a_variant_of', 'is_short_for'):
            for head in (props or {}).get(rel) or []:
                add(str(name), str(head))

with open(sys.argv[2], encoding='utf-8') as f:
    for row in csv.DictReader(f):
        if row['relationship'] == 'has_nickname':
            add(row['name2'], row['name1'])

sys.stdout.write('# Given names and the names they stand for: see README.md beside this file.\n')
for name in sorted(heads):
    sys.stdout.write(f"{name}\t{'|'.join(sorted(heads[name]))}\n")
