"""Production settings: refuse to start without a real key; pass Django's deployment checks."""

import os
import subprocess
import sys

PRODUCTION = {
    "PANELBOOK_ENV": "production",
    "ALLOWED_HOSTS": "panelbook.example.org",
    "SECRET_KEY": "k3Jd9sLq0Zx8Vb7Nm6Cc5Xx4Zz3Aa2Ss1Dd0Ff9Gg8Hh7Jj6Kk5Ll4Qq3Ww2Ee1Rr0Tt",
}


def run_panelbook(tmp_path, *args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    environment.update(PANELBOOK_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "panelbook.cli", *args], env=environment, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_passes_under_production_settings(tmp_path):
    result = run_panelbook(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = dict(PRODUCTION, SECRET_KEY="")
    result = run_panelbook(tmp_path, "check", **env)
    assert result.returncode != 0
    assert "needs SECRET_KEY" in result.stderr


def test_production_refuses_the_development_key(tmp_path):
    env = dict(PRODUCTION, SECRET_KEY="django-insecure-" + "x" * 60)
    assert run_panelbook(tmp_path, "check", **env).returncode != 0


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    env = dict(PRODUCTION, ALLOWED_HOSTS="")
    result = run_panelbook(tmp_path, "check", **env)
    assert "needs ALLOWED_HOSTS" in result.stderr


def test_development_defaults_work_without_any_settings(tmp_path):
    result = run_panelbook(tmp_path, "check")
    assert result.returncode == 0, result.stderr


def test_the_site_domain_of_calendar_uids_comes_from_the_base_url_unless_set(tmp_path):
    show = ["shell", "--no-imports", "-c", "from django.conf import settings; print(settings.PANELBOOK_SITE_DOMAIN)"]
    derived = run_panelbook(tmp_path, *show, PANELBOOK_BASE_URL="https://panelbook.example.org:8443/")
    assert derived.stdout.strip() == "panelbook.example.org", derived.stderr
    chosen = run_panelbook(
        tmp_path, *show, PANELBOOK_BASE_URL="https://panelbook.example.org", PANELBOOK_SITE_DOMAIN="sec.example"
    )
    assert chosen.stdout.strip() == "sec.example", chosen.stderr
