"""The GitHub Pages workflow: valid YAML that tests, builds and deploys."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    """The parsed workflow file."""
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    """The steps of one job."""
    return workflow["jobs"][job]["steps"]


def uses(workflow: dict, job: str) -> list[str]:
    """The actions one job uses, in order."""
    return [step["uses"] for step in steps(workflow, job) if "uses" in step]


def test_workflow_is_valid_yaml_with_triggers(workflow: dict) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers


def test_grants_only_what_pages_deployment_needs(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_tests_run_before_the_build(workflow: dict) -> None:
    commands = [step.get("run", "") for step in steps(workflow, "build")]
    test_at = next(i for i, run in enumerate(commands) if "pytest" in run)
    build_at = next(i for i, run in enumerate(commands) if "build.py" in run)
    assert test_at < build_at
    assert any('pip install -e ".[test]"' in run for run in commands)


def test_builds_with_the_pages_base_url(workflow: dict) -> None:
    build = next(s for s in steps(workflow, "build") if "build.py" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["env"]["BASE_URL"]
    assert '--base-url "${BASE_URL%/}/"' in build["run"] and "--output site" in build["run"]


def test_deploys_with_the_official_actions(workflow: dict) -> None:
    assert uses(workflow, "build") == ["actions/checkout@v4", "actions/setup-node@v4",
                                       "actions/configure-pages@v5",
                                       "actions/upload-pages-artifact@v3"]
    upload = next(s for s in steps(workflow, "build") if "upload-pages" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert uses(workflow, "deploy") == ["actions/deploy-pages@v4"]
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_browser_tests_run_with_debian_chromium(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    assert build["container"]["image"].endswith("bookworm")
    assert str(build["env"]["CI"]).lower() == "true"  # missing Chromium fails, not skips
    commands = [s.get("run", "") for s in steps(workflow, "build")]
    assert any("apt-get install" in run and "chromium" in run for run in commands)


def test_quality_gates_get_java_and_the_pinned_node_tools(workflow: dict) -> None:
    commands = [s.get("run", "") for s in steps(workflow, "build")]
    assert any("default-jre-headless" in run for run in commands)
    test_at = next(i for i, run in enumerate(commands) if "pytest" in run)
    npm_at = next(i for i, run in enumerate(commands) if "npm ci --prefix tests" in run)
    assert npm_at < test_at
