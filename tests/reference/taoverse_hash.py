"""Independent reference for lib/chain: taoverse's model hashes and commitment parsing, re-typed
from macrocosm-os/taoverse (src/taoverse/model/storage/disk/utils.py get_hash_of_file /
get_hash_of_directory, src/taoverse/model/utils.py get_hash_of_two_strings, src/taoverse/model/data.py
ModelId.from_compressed_str / to_compressed_str, chain_model_metadata_store.py bytes.decode()).
Standard library only (hashlib, base64, os.walk).

  taoverse_hash.py hash DIR HOTKEY   -> {"dir_hash", "secure_hash", "files": [walk order]}
  taoverse_hash.py parse < [hex…]    -> per commitment: {"fields": {...}} or {"error": type}
"""
import base64
import hashlib
import json
import os
import sys


def get_hash_of_file(path):
    blocksize = 64 * 1024
    file_hash = hashlib.sha256()
    with open(path, "rb") as fp:
        while True:
            data = fp.read(blocksize)
            if not data:
                break
            file_hash.update(data)
    return base64.b64encode(file_hash.digest()).decode("utf-8")


def get_hash_of_directory(path, visited):
    dir_hash = hashlib.sha256()
    for cur_path, dirnames, filenames in os.walk(path):
        dirnames.sort()
        for filename in sorted(filenames):
            file_path = os.path.join(cur_path, filename)
            visited.append(os.path.relpath(file_path, path).replace(os.sep, "/"))
            dir_hash.update(get_hash_of_file(file_path).encode())
    return base64.b64encode(dir_hash.digest()).decode("utf-8")


def get_hash_of_two_strings(string1, string2):
    string_hash = hashlib.sha256((string1 + string2).encode())
    return base64.b64encode(string_hash.digest()).decode("utf-8")


def from_compressed_str(cs, default_competition_id=0):
    tokens = cs.split(":")
    if len(tokens) < 5:
        competition_id = default_competition_id
        hash_ = tokens[3] if tokens[3] != "None" else None
    else:
        competition_id = int(tokens[4])
        hash_ = None
    return {
        "namespace": tokens[0],
        "name": tokens[1],
        "commit": tokens[2] if tokens[2] != "None" else None,
        "hash": hash_,
        "secure_hash": tokens[3] if tokens[3] != "None" else None,
        "competition_id": competition_id,
    }


def to_compressed_str(fields):
    return "{namespace}:{name}:{commit}:{secure_hash}:{competition_id}".format(**fields)


def parse(hex_data):
    try:
        chain_str = bytes.fromhex(hex_data).decode()
    except UnicodeDecodeError:
        return {"error": "UnicodeDecodeError"}
    try:
        fields = from_compressed_str(chain_str)
    except Exception as error:  # taoverse catches everything here and returns None
        return {"error": type(error).__name__}
    return {"fields": fields, "roundtrip": to_compressed_str(fields) == chain_str}


if __name__ == "__main__":
    if sys.argv[1] == "hash":
        visited = []
        dir_hash = get_hash_of_directory(sys.argv[2], visited)
        secure = get_hash_of_two_strings(dir_hash, sys.argv[3])
        print(json.dumps({"dir_hash": dir_hash, "secure_hash": secure, "files": visited}))
    elif sys.argv[1] == "parse":
        print(json.dumps([parse(item) for item in json.load(sys.stdin)]))
    else:
        raise SystemExit("usage: taoverse_hash.py hash DIR HOTKEY | parse < hex.json")
