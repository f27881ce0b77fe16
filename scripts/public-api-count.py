#!/usr/bin/env python3
"""Counts the library's public API from its rustdoc pages.

Run `cargo doc --no-deps --lib` first, then `python3 scripts/public-api-count.py [TARGET_DIR]`.
Prints the items rustdoc lists on its "all items" page (structs, enums, traits, functions,
constants, type aliases: `#[doc(hidden)]` ones are not shown), and the inherent methods, public
fields and enum variants of those items.
"""
import os
import re
import sys

root = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "target", "doc", "resumescan")
page = open(os.path.join(root, "all.html"), encoding="utf-8").read()
items = [i for i in re.findall(r'<li><a href="([^"]+)"', page) if not i.startswith("#")]
methods = fields = variants = 0
for item in items:
    path = os.path.join(root, item)
    if not os.path.exists(path):
        continue
    text = open(path, encoding="utf-8").read()
    start = text.find('id="implementations-list"')
    if start >= 0:
        ends = [text.find(marker, start) for marker in (
            'id="trait-implementations', 'id="synthetic-implementations',
            'id="blanket-implementations')]
        end = min([e for e in ends if e >= 0] or [len(text)])
        methods += len(set(re.findall(r'id="(method\.[^"]+)"', text[start:end])))
    fields += len(set(re.findall(r'id="(structfield\.[^"]+)"', text)))
    variants += len(set(re.findall(r'id="(variant\.[^"]+)"', text)))
print(f"items {len(items)}, inherent methods {methods}, public fields {fields}, "
      f"variants {variants}, total {len(items) + methods + fields + variants}")
