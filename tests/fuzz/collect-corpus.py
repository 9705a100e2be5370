#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Collects the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/ from the test
data: the bad-input catalogue (tests/bad_inputs: each file by the flag or project key that names
it), tests/data, examples and the hand-written seeds of tests/fuzz/seeds. Files are named by
their SHA-1 (as libFuzzer names them), so a seed is stored once; files above MAX_BYTES are cut
to their first lines that fit. Adds only: inputs the fuzzer found and were merged stay.

    python3 tests/fuzz/collect-corpus.py
"""
import hashlib
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
MAX_BYTES = 4096

# The flag of a lodeline command -> the target reading the file after it (None: the extension
# decides, see by_extension).
FLAG_TARGETS = {
    "--collars": "drillhole_collars", "--surveys": "drillhole_surveys",
    "--intervals": "drillhole_assays", "--assays": "drillhole_assays",
    "--grid": "grid_json", "--params": "estimate_params", "--fit-from": "variogram_model",
    "--values": "pit_values", "--precedence": "pit_precedence", "--pattern": "pit_pattern",
    "--order": "survey_order", "--sessions": "survey_sessions", "--pillars": "pillars_geojson",
    "--samples": "variogram_samples", "--border": None, "--fixes": None,
}
LINE_TARGETS = {".geojson": "line_geojson", ".json": "line_geojson", ".wkt": "line_wkt",
                ".kml": "line_kml"}
FIX_TARGETS = {".nmea": "fixes_nmea", ".nma": "fixes_nmea", ".log": "fixes_nmea",
               ".txt": "fixes_nmea", ".pos": "fixes_pos", ".gpx": "fixes_gpx", ".csv": "fixes_csv"}
MODEL_TARGETS = {".csv": "blockmodel_csv", ".lbm": "blockmodel_lbm"}

# Test data read by one target, by path relative to the repository.
DATA_TARGETS = {
    "examples/tiny/grid.json": "grid_json",
    "examples/tiny/line.wkt": "line_wkt",
    "examples/tiny/model.csv": "blockmodel_csv",
    "examples/tiny/project.toml": "project_toml",
    "tests/data/drillhole/krige_subset/collars.csv": "drillhole_collars",
    "tests/data/drillhole/krige_subset/composites.csv": "drillhole_assays",
    "tests/data/krige/meuse2d/params.json": "estimate_params",
    "tests/data/variogram/meuse2d/data.csv": "variogram_samples",
    "tests/data/pit/pattern_minsearch45_b8.txt": "pit_pattern",
    "tests/data/pit/sim2d76_p5.values.txt": "pit_values",
    "tests/data/pit/sim2d76_p5.prec.txt": "pit_precedence",
    "tests/data/split/a_small/border.geojson": "line_geojson",
    "tests/data/split/a_small/grid.json": "grid_json",
    "tests/data/split/c_degenerate/border.geojson": "line_geojson",
    "tests/data/split/c_degenerate/grid.json": "grid_json",
    "tests/data/survey/A1.nmea": "fixes_nmea",
    "tests/data/survey/bad_checksum.nmea": "fixes_nmea",
    "tests/data/survey/truncated.nmea": "fixes_nmea",
    "tests/data/survey/B2.pos": "fixes_pos",
    "tests/data/survey/waypoints.gpx": "fixes_gpx",
    "tests/data/survey/empty.gpx": "fixes_gpx",
    "tests/data/survey/pillars.csv": "fixes_csv",
    "tests/data/survey/ORDER.txt": "survey_order",
    "tests/data/survey/ORDER_missing.txt": "survey_order",
}


def cut(data: bytes) -> bytes:
    """The file, or its first whole lines within MAX_BYTES."""
    if len(data) <= MAX_BYTES:
        return data
    head = data[:MAX_BYTES]
    return head[: head.rfind(b"\n") + 1] or head


def add(target: str, path: pathlib.Path, counts: dict) -> None:
    if not path.is_file():
        return
    data = cut(path.read_bytes())
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / hashlib.sha1(data).hexdigest()
    if not out.exists():
        out.write_bytes(data)
        counts[target] = counts.get(target, 0) + 1


def by_flag(flag: str, path: pathlib.Path) -> str | None:
    if flag == "--border":
        return LINE_TARGETS.get(path.suffix.lower())
    if flag == "--fixes":
        return FIX_TARGETS.get(path.suffix.lower())
    return FLAG_TARGETS.get(flag)


def project_files(toml_path: pathlib.Path):
    """(target, path) of the files a project names; nothing when it does not parse."""
    try:
        doc = tomllib.loads(toml_path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return
    base = toml_path.parent
    model = doc.get("model", {}) if isinstance(doc.get("model"), dict) else {}
    if isinstance(model.get("file"), str):
        target = MODEL_TARGETS.get(pathlib.Path(model["file"]).suffix.lower())
        if target:
            yield target, base / model["file"]
    if isinstance(model.get("grid"), str):
        yield "grid_json", base / model["grid"]
    scenarios = doc.get("scenario", [])
    for s in scenarios if isinstance(scenarios, list) else []:
        if isinstance(s, dict) and isinstance(s.get("file"), str):
            target = LINE_TARGETS.get(pathlib.Path(s["file"]).suffix.lower())
            if target:
                yield target, base / s["file"]


def bad_input_files():
    """(target, path) of every input of the bad-input catalogue."""
    for cmd in sorted((ROOT / "tests" / "bad_inputs").glob("*/cmd")):
        case = cmd.parent
        args = cmd.read_text().splitlines()
        for flag, value in zip(args, args[1:]):
            if not value.startswith("{dir}/"):
                continue
            path = case / value[len("{dir}/"):]
            target = by_flag(flag, path)
            if target:
                yield target, path
        for toml_path in case.glob("*.toml"):
            yield "project_toml", toml_path
            yield from project_files(toml_path)


def main() -> None:
    counts: dict = {}
    for target, path in bad_input_files():
        add(target, path, counts)
    for rel, target in DATA_TARGETS.items():
        add(target, ROOT / rel, counts)
    for seed in sorted((ROOT / "tests" / "fuzz" / "seeds").glob("*/*")):
        add(seed.parent.name, seed, counts)
    for target in sorted(counts):
        print(f"{target}: {counts[target]} new")


if __name__ == "__main__":
    main()
