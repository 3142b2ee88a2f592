"""Independent reference for lib/cli/keyfile-nacl.ts: btcli's NaCl-encrypted key files, made with
Debian's PyNaCl (python3-nacl) exactly as opentensor/bittensor's keyfile.py `encrypt_keyfile_data`
(and btwallet's Rust port of it) makes them: argon2i.kdf(SecretBox.KEY_SIZE, password, NACL_SALT,
OPSLIMIT_SENSITIVE, MEMLIMIT_SENSITIVE), then b"$NACL" + SecretBox(key).encrypt(keyfile_data).
The key file data is `json.dumps(dict).encode()`, as keyfile.py's serialized_keypair_to_keyfile_data.

JSON on stdin, JSON on stdout:
  {"mode": "constants"}                                   -> PyNaCl's limits and sizes, the salt in hex
  {"mode": "kdf", "passwords": [...], "limits": L}         -> {"keys": [hex...]}
  {"mode": "encrypt", "password": P, "keyfile": {...}, "limits": L} -> {"file": hex of the file's bytes}
L is "sensitive" (btcli's) or {"opslimit": n, "memlimit": bytes} for fast tests.
"""
import json
import sys

from nacl.pwhash import argon2i
from nacl.secret import SecretBox

# btwallet src/keyfile.rs and bittensor/keyfile.py, byte for byte as written there.
NACL_SALT = b"\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1"


def limits_of(spec):
    if spec == "sensitive":
        return argon2i.OPSLIMIT_SENSITIVE, argon2i.MEMLIMIT_SENSITIVE
    return int(spec["opslimit"]), int(spec["memlimit"])


def kdf(password, spec):
    opslimit, memlimit = limits_of(spec)
    return argon2i.kdf(
        SecretBox.KEY_SIZE,
        bytes(password, "utf-8"),
        NACL_SALT,
        opslimit=opslimit,
        memlimit=memlimit,
    )


def main():
    request = json.load(sys.stdin)
    mode = request["mode"]
    if mode == "constants":
        out = {
            "opslimit_sensitive": argon2i.OPSLIMIT_SENSITIVE,
            "memlimit_sensitive": argon2i.MEMLIMIT_SENSITIVE,
            "saltbytes": argon2i.SALTBYTES,
            "salt": NACL_SALT.hex(),
            "key_size": SecretBox.KEY_SIZE,
            "nonce_size": SecretBox.NONCE_SIZE,
            "mac_size": SecretBox.MACBYTES,
        }
    elif mode == "kdf":
        out = {"keys": [kdf(p, request["limits"]).hex() for p in request["passwords"]]}
    elif mode == "encrypt":
        keyfile_data = json.dumps(request["keyfile"]).encode()
        box = SecretBox(kdf(request["password"], request["limits"]))
        out = {"file": (b"$NACL" + bytes(box.encrypt(keyfile_data))).hex()}
    else:
        raise SystemExit(f"unknown mode {mode}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
