"""A real headless Chromium renders every stage's HTML: right to left, numbers in order, fits 375 px.

The email is shown in a 375 px wide `srcdoc` iframe (a headless window is never
narrower than 500 px), a small script measures it after load, and `--dump-dom`
hands the measurements back. A screenshot per stage is kept in tests/artifacts/.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, server_missing
from dunning_mailer import lint, render
from dunning_mailer.config import DEFAULT_STAGES
from dunning_mailer.model import Stage

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
WIDTH = 375

MEASURE = r"""
window.addEventListener("load", function () {
  var W = document.getElementById("email").contentWindow, D = W.document;
  var out = {bodyDirection: W.getComputedStyle(D.body).direction,
             htmlDirection: W.getComputedStyle(D.documentElement).direction,
             scrollWidth: D.documentElement.scrollWidth, innerWidth: W.innerWidth, spans: []};
  var spans = D.querySelectorAll('span[dir="ltr"]');
  for (var i = 0; i < spans.length; i++) {
    var span = spans[i], node = span.firstChild;
    if (!node || node.nodeType !== 3) continue;
    var text = node.textContent, chars = [];
    for (var j = 0; j < text.length; j++) {
      if (/\s/.test(text[j])) continue;
      var range = D.createRange();
      range.setStart(node, j); range.setEnd(node, j + 1);
      var rects = range.getClientRects();
      if (rects.length) chars.push([text[j], rects[0].left, rects[0].right, Math.round(rects[0].top)]);
    }
    out.spans.push({text: text, direction: W.getComputedStyle(span).direction, chars: chars,
                    shown: span.getClientRects().length > 0});
  }
  document.documentElement.setAttribute("data-check", JSON.stringify(out));
});
"""


def stages() -> list[Stage]:
    """The configured ladder and every other stage template shipped (promise_followup, thank_you…)."""
    out = list(DEFAULT_STAGES)
    names = {s.template for s in out}
    for subject in sorted((ROOT / "templates" / "he").glob("*.subject.txt")):
        name = subject.name[: -len(".subject.txt")]
        if name not in names and not name.startswith("_"):
            out.append(Stage(name, 0, name))
    return out


def wrapper(email_html: str, measure: bool) -> str:
    script = f"<script>{MEASURE}</script>" if measure else ""
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
            f'<iframe id="email" style="border:0;width:{WIDTH}px;height:1400px;display:block" '
            f'srcdoc="{html.escape(email_html, quote=True)}"></iframe>{script}</body></html>')


def chromium(page: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="chromium-")
    try:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             f"--window-size={WIDTH},1400", *args, page.as_uri()],
            capture_output=True, text=True, timeout=60)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def render_stage(stage: Stage) -> str:
    env = render.environment(ROOT / "templates" / "he", "he")
    business = lint.sample_businesses("he")[0]
    business = type(business)(**{**business.__dict__, "logo_url": ""})  # no network in the test
    ctx = render.context(lint.sample_mixed_email(stage), business=business, today=lint.SAMPLE_TODAY)
    return render.render(env, stage.template, ctx).html


def measure(stage: Stage, workdir: Path) -> dict:
    email_html = render_stage(stage)
    checked = workdir / f"{stage.name}.check.html"
    checked.write_text(wrapper(email_html, measure=True), encoding="utf-8")
    shown = workdir / f"{stage.name}.html"
    shown.write_text(wrapper(email_html, measure=False), encoding="utf-8")
    dump = chromium(checked, "--dump-dom")
    shot = chromium(shown, f"--screenshot={ARTIFACTS / ('he_' + stage.name + '.png')}")
    found = re.search(r'data-check="([^"]*)"', dump.stdout)
    assert found, f"no measurement from Chromium for {stage.name}: {dump.stderr[-2000:]}"
    result = json.loads(html.unescape(found.group(1)))
    result["screenshot_rc"] = shot.returncode
    result["html"] = email_html
    return result


@pytest.fixture(scope="module")
def measured() -> dict[str, dict]:
    if not os.access(CHROMIUM, os.X_OK):
        server_missing("chromium", "apt-get install -y chromium (the CI script installs it)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=4) as pool:
        todo = {s.name: pool.submit(measure, s, Path(tmp)) for s in stages()}
        return {name: future.result() for name, future in todo.items()}


@pytest.mark.parametrize("stage", [s.name for s in stages()])
def test_stage_renders_right_to_left_in_chromium(measured, stage):
    r = measured[stage]
    assert r["innerWidth"] == WIDTH
    assert r["bodyDirection"] == "rtl" and r["htmlDirection"] == "rtl"
    assert r["scrollWidth"] <= WIDTH, f"{stage}: the page is {r['scrollWidth']} px wide at a {WIDTH} px screen"
    assert r["screenshot_rc"] == 0 and (ARTIFACTS / f"he_{stage}.png").stat().st_size > 10_000


@pytest.mark.parametrize("stage", [s.name for s in stages()])
def test_numbers_and_ids_read_left_to_right(measured, stage):
    r = measured[stage]
    texts = [s["text"] for s in r["spans"]]
    # The facts table isolates every id and amount, including a credit note and an id with letters.
    for must in ("2024-0042-A", "CN-2026-007", "INV-88/2026", "-500.00\u00a0₪", "1,180.00\u00a0₪"):
        if "<table" in r["html"] and must in r["html"]:
            assert must in texts, f"{stage}: {must!r} is not inside a dir=ltr span"
    for span in r["spans"]:
        if not span["shown"]:
            continue  # the hidden preheader
        assert span["direction"] == "ltr", span["text"]
        lines: dict[int, list] = {}
        for ch, left, right, top in span["chars"]:
            lines.setdefault(top, []).append((ch, left, right))
        for row in lines.values():
            lefts = [left for _, left, _ in row]
            assert lefts == sorted(lefts), f"{stage}: {span['text']!r} does not read left to right: {row}"
        if span["text"].startswith("-"):
            first = span["chars"]
            assert first[0][0] == "-" and first[0][1] < first[1][1], f"{stage}: the minus of {span['text']!r} is not on the left"


def test_english_set_is_left_to_right_and_fits(tmp_path):
    if not os.access(CHROMIUM, os.X_OK):
        server_missing("chromium", "apt-get install -y chromium (the CI script installs it)")
    stage = DEFAULT_STAGES[1]
    env = render.environment(ROOT / "templates" / "en", "en")
    business = lint.sample_businesses("en")[1]
    ctx = render.context(lint.sample_mixed_email(stage), business=business, today=lint.SAMPLE_TODAY)
    page = tmp_path / "en.html"
    page.write_text(wrapper(render.render(env, stage.template, ctx).html, measure=True), encoding="utf-8")
    dump = chromium(page, "--dump-dom")
    r = json.loads(html.unescape(re.search(r'data-check="([^"]*)"', dump.stdout).group(1)))
    assert r["bodyDirection"] == "ltr" and r["scrollWidth"] <= WIDTH
