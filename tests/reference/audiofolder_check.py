#!/usr/bin/python3
"""Independent checks of what Genki Studio exports and publishes, with Debian's Python (numpy,
scipy, soundfile; no `datasets` library), printed as one JSON object.

  audiofolder_check.py zip PATH
      Opens PATH with zipfile, verifies every CRC and that no entry name is absolute, climbs with
      "..", uses backslashes or non-ASCII.
      → {"ok", "entries", "bad_crc", "unsafe": [...]}

  audiofolder_check.py audiofolder DIR
      DIR holds a dataset repo as downloaded (tree + resolve). Checks what makes a Hugging Face
      audiofolder load first time, the way `datasets` and the Hub viewer read it:
      - exactly one metadata file, metadata.jsonl, every line a JSON object;
      - every row has the same columns in the same order and each column one type as pyarrow
        sees it (null allowed; 140 and 92.5 are int64 and double), the viewer's CastError pitfall;
      - file_name is relative to the metadata file, inside DIR, and exists; every audio file in
        the repo has exactly one row (none missing, none twice);
      - caption is a non-empty string;
      - every audio file decodes with soundfile, at the row's duration (within one frame);
      - no file name contains a split keyword as a word (datasets would infer extra splits);
      - README.md starts with a YAML header naming a licence and task_categories: text-to-audio.
      → {"ok", "rows", "columns", "problems": [...], "audio": [{"file_name", "rate", "frames",
         "channels", "duration"}]}
"""
import json
import os
import re
import sys
import zipfile

import numpy as np
import soundfile as sf

AUDIO_EXTENSIONS = {".wav", ".flac", ".mp3", ".ogg"}
SPLIT_WORDS = "train|training|validation|valid|dev|val|test|testing|eval|evaluation"
SPLIT_PATTERN = re.compile(r"(^|[-._ 0-9/])(" + SPLIT_WORDS + r")([-._ 0-9]|$)")


def check_zip(path):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        bad = archive.testzip()
    unsafe = [
        n for n in names
        if n.startswith("/") or "\\" in n or ".." in n.split("/") or not n.isascii() or ":" in n
    ]
    return {"ok": bad is None and not unsafe, "entries": len(names), "bad_crc": bad, "unsafe": unsafe}


def json_type(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"  # pyarrow types 140 as int64 and 140.0 as double: they do not mix across blocks
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        inner = {json_type(v) for v in value} - {None}
        return "list<" + ",".join(sorted(inner)) + ">" if inner else "list"
    return "object"


def readme_problems(root):
    path = os.path.join(root, "README.md")
    if not os.path.exists(path):
        return ["README.md is missing"]
    text = open(path, encoding="utf-8").read()
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not match:
        return ["README.md has no YAML header"]
    header = match.group(1)
    problems = []
    try:
        import yaml  # Debian's python3-yaml when present; the regex checks below work without it.
        card = yaml.safe_load(header)
        if not card.get("license"):
            problems.append("the card names no license")
        if "text-to-audio" not in (card.get("task_categories") or []):
            problems.append("task_categories lacks text-to-audio")
    except ImportError:
        if not re.search(r"^license:", header, re.M):
            problems.append("the card names no license")
        if not re.search(r"^task_categories:\n- text-to-audio$", header, re.M):
            problems.append("task_categories lacks text-to-audio")
    return problems


def check_audiofolder(root):
    root = os.path.realpath(root)
    problems = []
    files = []
    for folder, _, names in os.walk(root):
        for name in names:
            files.append(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    metadata_files = [f for f in files if os.path.basename(f).startswith("metadata.")]
    if metadata_files != ["metadata.jsonl"]:
        problems.append(f"expected one metadata.jsonl at the root, found {sorted(metadata_files)}")
    rows = []
    with open(os.path.join(root, "metadata.jsonl"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict):
                problems.append(f"line {number} is not a JSON object")
                continue
            rows.append(row)
    columns = list(rows[0].keys()) if rows else []
    types = {}
    for number, row in enumerate(rows, 1):
        if list(row.keys()) != columns:
            problems.append(f"row {number} has columns {list(row.keys())}, not {columns}")
        for key, value in row.items():
            kind = json_type(value)
            known = types.setdefault(key, kind)
            if kind is not None and known is not None and kind != known and not (
                kind.startswith("list") and known.startswith("list") and "list" in (kind, known)
            ):
                problems.append(f"row {number}: column {key} is {kind}, earlier rows {known}")
            if known is None:
                types[key] = kind
    audio = []
    referenced = set()
    for number, row in enumerate(rows, 1):
        name = row.get("file_name")
        caption = row.get("caption")
        if not isinstance(caption, str) or not caption.strip():
            problems.append(f"row {number} has no caption")
        if not isinstance(name, str) or name.startswith("/") or ".." in name.split("/"):
            problems.append(f"row {number} has an unsafe file_name {name!r}")
            continue
        target = os.path.realpath(os.path.join(root, name))
        if not target.startswith(root + os.sep) or not os.path.isfile(target):
            problems.append(f"row {number}: {name} does not exist relative to metadata.jsonl")
            continue
        if name in referenced:
            problems.append(f"{name} has more than one metadata row")
        referenced.add(name)
        info = sf.info(target)
        data, rate = sf.read(target, dtype="float32", always_2d=True)
        if not np.all(np.isfinite(data)):
            problems.append(f"{name} decodes to non-finite samples")
        duration = len(data) / rate
        stated = row.get("duration")
        if not isinstance(stated, (int, float)) or abs(stated - duration) > 1.0 / rate + 1e-6:
            problems.append(f"{name}: stated duration {stated}, decoded {duration}")
        audio.append({"file_name": name, "rate": rate, "frames": len(data), "channels": info.channels,
                      "duration": duration})
    for f in files:
        if os.path.splitext(f)[1].lower() in AUDIO_EXTENSIONS and f not in referenced:
            problems.append(f"{f} has no metadata row")
        if SPLIT_PATTERN.search(f):
            problems.append(f"{f} would be read as a split by its name")
    problems += readme_problems(root)
    return {"ok": not problems, "rows": len(rows), "columns": columns, "problems": problems, "audio": audio}


if __name__ == "__main__":
    mode, target = sys.argv[1], sys.argv[2]
    result = check_zip(target) if mode == "zip" else check_audiofolder(target)
    print(json.dumps(result))
