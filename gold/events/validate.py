"""Validate the article-level event gold against the Wikinews corpus.

Usage: python3 validate.py [path/to/shared/corpus/wikinews]
Checks every sentence offset (check == text[start:start+30]), codes and roots
against the CAMEO table, modality values, and that no event dated after the
article's publication date is asserted. The wire-style gold (wire.*.jsonl) holds
its own texts and takes its codes from dyad's table (standard CAMEO numbering).
Every *.dev.jsonl and *.heldout.jsonl file of this folder is checked.
"""
import csv, glob, json, re, sys, os
csv.field_size_limit(10**9)
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', 'shared', 'corpus', 'wikinews')
if not os.path.isdir(CORPUS):
    CORPUS = '/work/shared/corpus/wikinews'
TABLE = os.path.join(CORPUS, '..', '..', 'codebooks', 'cameo', 'cameoCodeTable.tsv')
if not os.path.exists(TABLE):
    TABLE = '/work/shared/codebooks/cameo/cameoCodeTable.tsv'
codes = {l.split('\t')[0] for l in open(TABLE) if re.match(r'\d{2,4}\t', l)}
DYAD_TABLE = os.path.join(HERE, '..', '..', 'src', 'dyad', 'codebooks', 'cameo_codes.tsv')
wire_codes = {l.split('\t')[0] for l in open(DYAD_TABLE, encoding='utf-8') if re.match(r'\d{2,4}\t', l)}
rows = {}
for f in ('wikinews_2019.csv', 'wikinews_2020.csv'):
    for r in csv.DictReader(open(os.path.join(CORPUS, f), encoding='utf-8')):
        rows[(f, r['url'].rsplit('/', 1)[-1])] = r
MODS = {'asserted', 'future', 'intent', 'hypothetical', 'reported claim'}
bad = 0; n_art = 0; n_ev = 0
for path in sorted(glob.glob(os.path.join(HERE, '*.jsonl'))):
    split = os.path.basename(path).rsplit('.', 2)[1]
    for line in open(path, encoding='utf-8'):
        d = json.loads(line); n_art += 1
        r = d if 'text' in d else rows[(d['file'], d['article'])]
        known = wire_codes if 'text' in d else codes
        assert d['split'] == split and d['date'] == r['date']
        assert r['title'][:30] == d['title_check']
        for e in d['events']:
            n_ev += 1
            s = e['sentence']; src = r['text'] if s['field'] == 'text' else r['title']
            ok = (src[s['start']:s['start'] + 30] == s['check'] and 0 <= s['start'] < s['end'] <= len(src)
                  and e['code'] in known and e['root'] == e['code'][:2] and e['modality'] in MODS
                  and all(a in known for a in e.get('alt_codes', [])))
            if e['date'] and e['date'] > r['date'][:len(e['date'])] and e['modality'] not in ('future', 'intent', 'hypothetical'):
                ok = False
            if not ok:
                bad += 1; print('BAD', d['article'], e)
print(f'{n_art} articles, {n_ev} events, {bad} problems')
sys.exit(1 if bad else 0)
