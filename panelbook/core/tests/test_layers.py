"""The layer list is the one place an app is named: every app package is in it, and installed."""

from pathlib import Path

from django.apps import apps

from panelbook import layers

PACKAGE = Path(layers.__file__).parent


def test_every_app_package_has_its_place_in_the_layers():
    on_disk = {folder.name for folder in PACKAGE.iterdir() if (folder / "apps.py").is_file()}
    listed = [app for layer in layers.LAYERS for app in layer]
    assert sorted(listed) == sorted(on_disk), "add the app to panelbook/layers.py (or remove a stale entry)"
    assert len(listed) == len(set(listed)), "an app is listed twice in panelbook/layers.py"


def test_apps_are_installed_lowest_layer_first():
    installed = [config.name for config in apps.get_app_configs() if config.name.startswith("panelbook.")]
    assert installed == layers.app_names()
    assert installed[0] == "panelbook.core"
