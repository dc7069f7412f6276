"""The engines and formats never import Django or netlife's apps."""

import ast
from pathlib import Path

import netlife

PACKAGE = Path(netlife.__file__).parent
PURE = ["engines", "formats", "demo/generator.py", "demo/vocabulary.py"]
ALLOWED_NETLIFE = ("netlife.engines", "netlife.formats", "netlife.demo.vocabulary")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _pure_modules() -> list[Path]:
    files: list[Path] = []
    for entry in PURE:
        target = PACKAGE / entry
        if target.is_file():
            files.append(target)
        elif target.is_dir():
            files.extend(p for p in target.rglob("*.py") if "tests" not in p.parts)
    return files


def test_there_are_pure_modules_to_check():
    assert len(_pure_modules()) >= 3


def test_pure_modules_import_no_django_and_no_apps():
    offenders = []
    for path in _pure_modules():
        for name in _imports(path):
            if name == "django" or name.startswith("django."):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
            if name.startswith("netlife") and not name.startswith(ALLOWED_NETLIFE):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []
