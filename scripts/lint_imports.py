"""Check that imports run one way through panelbook's layers.

The layers are the list in panelbook/layers.py (the same list INSTALLED_APPS is built from); this
writes them as import-linter contracts and runs lint-imports over them. Exit status 0 when every
import keeps to its layer; otherwise lint-imports' report and a line saying where the layers live.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from panelbook.layers import LAYERS  # noqa: E402

# Tests read across the house (the access matrices walk every app's surfaces).
IGNORED = ("panelbook.*.tests.** -> panelbook.**", "panelbook.conftest -> panelbook.**")


def contracts() -> str:
    """import-linter's configuration, highest layer first as it expects."""
    layers = "\n".join(f"    {' | '.join(layer)}" for layer in reversed(LAYERS))
    ignored = "\n".join(f"    {rule}" for rule in IGNORED)
    return (
        "[importlinter]\n"
        "root_package = panelbook\n\n"
        "[importlinter:contract:layers]\n"
        "name = Layers run one way (panelbook/layers.py)\n"
        "type = layers\n"
        "containers = panelbook\n"
        f"layers =\n{layers}\n"
        f"ignore_imports =\n{ignored}\n"
    )


def main() -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".ini", prefix="importlinter-") as config:
        config.write(contracts())
        config.flush()
        command = [str(Path(sys.executable).parent / "lint-imports"), config.name, "--no-cache"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        sys.stderr.write(
            "An import runs against the layers in panelbook/layers.py (docs/ARCHITECTURE.md, Layers): "
            "an app may import only from the layers below it.\n"
        )
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
