#!/usr/bin/env python3
"""Print the raw material for tables.go from Python's Unicode database.

Go's standard library has no decompositions and golang.org/x/text is not
available to the WebAssembly core, so the tables are generated once here and
checked in. The output still needs the hand edits described in tables.go
(letters NFKD leaves alone: ø ł đ ħ æ œ ß þ ð ı Ə and the small capitals).

    python3 testdata/gen_tables.py latin   # latinGroups rows
    python3 testdata/gen_tables.py fancy   # fancyRuns rows
"""
import sys
import unicodedata as u

SPECIAL = {  # letters whose NFKD form has no ASCII base, or a misleading one
    'ß': 'ss', 'ẞ': 'ss', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ø': 'o', 'Ø': 'o',
    'ł': 'l', 'Ł': 'l', 'đ': 'd', 'Đ': 'd', 'ð': 'd', 'Ð': 'd', 'þ': 'th', 'Þ': 'th',
    'ı': 'i', 'ħ': 'h', 'Ħ': 'h', 'ŧ': 't', 'Ŧ': 't', 'ŋ': 'n', 'Ŋ': 'n', 'Ə': 'a',
    # … the rest of the stroke, hook and ligature letters are in tables.go
}

SMALL_CAPS = dict(zip('ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ', 'ABCDEFGHIJKLMNOPRSTUVWYZ'))


def latin():
    groups = {}
    for lo, hi in [(0xC0, 0x250), (0x1E00, 0x1F00)]:
        for cp in range(lo, hi):
            c = chr(cp)
            if not u.category(c).startswith('L'):
                continue
            if c in SPECIAL:
                t = SPECIAL[c]
            else:
                base = ''.join(x for x in u.normalize('NFKD', c) if not u.combining(x))
                if not (base.isascii() and base.isalpha()):
                    print('# no ASCII base:', c, hex(cp), file=sys.stderr)
                    continue
                t = base.lower()
            groups.setdefault(t, []).append(c)
    for t in sorted(groups):
        print('\t{"%s", "%s"},' % (''.join(groups[t]), t))


def fancy_target(c):
    d = ''.join(x for x in u.normalize('NFKD', c) if not u.combining(x)).strip('()')
    if len(d) != 1:
        return None
    if d.isascii() and d.isalnum():
        return d
    if u.category(d).startswith('L') and 'GREEK' in u.name(d, ''):
        return d
    return None


def fancy():
    m = {}
    for lo, hi in [(0x1D400, 0x1D800), (0x2100, 0x2150), (0x2460, 0x2500), (0x1F100, 0x1F150),
                   (0x2070, 0x20A0), (0x1D2C, 0x1D6B), (0x1D9B, 0x1DC0), (0x02B0, 0x02E5)]:
        for cp in range(lo, hi):
            c = chr(cp)
            if not u.name(c, ''):
                continue
            t = fancy_target(c)
            if t:
                m[cp] = t
    for i in range(26):  # negative circled and negative squared capitals have no NFKD form
        m[0x1F150 + i] = chr(65 + i)
        m[0x1F170 + i] = chr(65 + i)
    for k, v in SMALL_CAPS.items():
        m[ord(k)] = v
    runs = []
    for cp in sorted(m):
        t = ord(m[cp])
        if runs and runs[-1][1] == cp - 1 and runs[-1][2] + (cp - runs[-1][0]) == t:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, t])
    for lo, hi, t in runs:
        print('\t{0x%04X, 0x%04X, 0x%04X},' % (lo, hi, t))


if __name__ == '__main__':
    {'latin': latin, 'fancy': fancy}[sys.argv[1]]()
