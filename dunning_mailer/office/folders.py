"""The office on disk: office.toml at its root, one folder per business with its config.toml."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..config import BUSINESS_KEY_RE, OFFICE_FILE, Config, ConfigError, load
from ..model import DunningError


class OfficeError(DunningError):
    pass


@dataclass(frozen=True)
class Office:
    folder: Path
    name: str

    @property
    def file(self) -> Path:
        return self.folder / OFFICE_FILE

    def keys(self) -> list[str]:
        """The businesses: every folder beside office.toml that holds a config.toml, by name."""
        return sorted(p.parent.name for p in self.folder.glob("*/config.toml")
                      if BUSINESS_KEY_RE.fullmatch(p.parent.name))

    def config_path(self, key: str) -> Path:
        path = self.folder / key / "config.toml"
        if not path.is_file():
            known = ", ".join(self.keys()) or "none yet: `dunning-mailer office add NAME`"
            raise OfficeError(f"no business {key!r} in this office (its businesses: {known})",
                              where=str(self.folder))
        return path

    def config(self, key: str) -> Config:
        return load(self.config_path(key))

    def configs(self, only: str | None = None) -> list[tuple[str, Config | DunningError]]:
        """Each business's config, or the error that keeps it from loading (reported under its
        name; the others go on)."""
        out: list[tuple[str, Config | DunningError]] = []
        for key in ([only] if only else self.keys()):
            try:
                out.append((key, self.config(key)))
            except (ConfigError, DunningError) as e:
                if only:
                    raise
                out.append((key, e))
        return out


def load_office(folder: Path) -> Office:
    path = Path(folder) / OFFICE_FILE
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except FileNotFoundError:
        raise OfficeError(f"no {OFFICE_FILE} here (create an office with `dunning-mailer office init DIR`)",
                          where=str(folder)) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError([f"not valid TOML: {e}"], path) from None
    own = raw.get("office", {})
    return Office(Path(folder).resolve(), str(own.get("name", "") or Path(folder).resolve().name))


def find_office(explicit: str | None, env: str | None, cwd: Path) -> Path | None:
    """The office folder a command works on: --office, else $DUNNING_MAILER_OFFICE, else the current
    folder when it has office.toml (and no config.toml of a single business)."""
    if explicit:
        return Path(explicit)
    if env:
        return Path(env)
    if (cwd / OFFICE_FILE).is_file() and not (cwd / "config.toml").is_file():
        return cwd
    return None
