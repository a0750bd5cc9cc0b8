"""A keyring backend like keyrings.alt's PlaintextKeyring: a file where passwords are only base64-encoded.
For the test that checks we never store a password there nor call it the OS keyring."""
from __future__ import annotations

import base64
import os

from keyring.backend import KeyringBackend


class PlaintextKeyring(KeyringBackend):
    priority = 1

    @property
    def file_path(self) -> str:
        return os.path.join(os.environ.get("HOME", "."), "plain.cfg")

    def set_password(self, service, username, password):
        with open(self.file_path, "a", encoding="ascii") as f:
            f.write(f"{service} {username} {base64.b64encode(password.encode()).decode()}\n")

    def get_password(self, service, username):
        return None

    def delete_password(self, service, username):
        pass
