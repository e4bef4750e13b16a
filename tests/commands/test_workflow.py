"""The GitHub Pages workflow: publishes any content, from any default branch, with one script."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from chronicle.commands.scaffold import template

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "pages.yml"
PUBLISH = "python -m chronicle.publish"
GATES_ONLY = ("chromium", "java", "jre", "npm", "node", "playwright", "lighthouse", "vnu", "axe")


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


def test_runs_on_every_push_whatever_the_branch_is_called(workflow: dict) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch"}
    assert not (triggers["push"] or {}).get("branches")  # no branch name to get wrong


def test_deploys_only_from_the_default_branch_and_never_from_a_pull_request(workflow: dict) -> None:
    decide = next(s for s in steps(workflow, "build") if s.get("id") == "branch")["run"]
    assert "github.ref_name == github.event.repository.default_branch" in decide
    assert "github.event_name != 'pull_request'" in decide
    gated = {s.get("uses") for s in steps(workflow, "build") if s.get("if") == "steps.branch.outputs.deploy == 'true'"}
    assert gated == {"actions/configure-pages@v5", "actions/upload-pages-artifact@v3"}
    assert workflow["jobs"]["build"]["outputs"]["deploy"] == "${{ steps.branch.outputs.deploy }}"
    assert workflow["jobs"]["deploy"]["if"] == "needs.build.outputs.deploy == 'true'"


def test_grants_only_what_pages_deployment_needs(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_build_step_calls_exactly_the_publish_script(workflow: dict) -> None:
    runs = [s["run"] for s in steps(workflow, "build") if "run" in s]
    calling = [run for run in runs if "chronicle" in run and "pip install" not in run]
    assert calling == [f'{PUBLISH} --base-url "$BASE_URL" --output _site']
    upload = next(s for s in steps(workflow, "build") if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_site"


def test_builds_with_the_pages_base_url(workflow: dict) -> None:
    step = next(s for s in steps(workflow, "build") if PUBLISH in s.get("run", ""))
    assert step["env"]["BASE_URL"].startswith("${{ steps.pages.outputs.base_url || ")


def test_never_runs_the_engine_tests_or_the_shipped_content_checks(workflow: dict) -> None:
    text = " ".join(str(s.get("run", "")) + str(s.get("with", "")) for job in workflow["jobs"] for s in steps(workflow, job))
    for word in ("pytest", "build.py", "tests/", ".[test]", " site", "'site'", "content/"):
        assert word not in text, word


def test_no_browser_java_or_node_unless_the_quality_gates_are_on(workflow: dict) -> None:
    assert workflow["env"]["QUALITY_GATES"] == "false"
    assert "container" not in workflow["jobs"]["build"]
    for step in steps(workflow, "build"):
        text = (step.get("run", "") + step.get("uses", "")).lower()
        if any(word in text for word in GATES_ONLY):
            assert step.get("if") == "env.QUALITY_GATES == 'true'", step["name"]


def test_installs_the_generator_from_a_fork_or_from_requirements(workflow: dict) -> None:
    install = next(s for s in steps(workflow, "build") if s.get("name") == "Install chronicle")["run"]
    assert "if [ -f pyproject.toml ]; then python -m pip install .; else python -m pip install -r requirements.txt; fi" \
        in install


def test_deploys_with_the_official_actions(workflow: dict) -> None:
    assert uses(workflow, "build") == ["actions/checkout@v4", "actions/setup-python@v5",
                                       "actions/configure-pages@v5", "actions/cache@v4",
                                       "actions/upload-pages-artifact@v3"]
    assert uses(workflow, "deploy") == ["actions/deploy-pages@v4"]
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_new_sites_get_this_same_workflow() -> None:
    assert template("pages.yml") == WORKFLOW.read_text(encoding="utf-8")


def cache_step(workflow: dict) -> dict:
    """The step that restores (and, after the job, saves) the build cache."""
    return next(s for s in steps(workflow, "build") if s.get("uses") == "actions/cache@v4")


def test_keeps_the_build_cache_beside_the_artifact_between_publishes(workflow: dict) -> None:
    cache = cache_step(workflow)["with"]
    publish = next(s for s in steps(workflow, "build") if PUBLISH in s.get("run", ""))["run"]
    output = publish.split("--output ")[1].split()[0]
    assert cache["path"] == ".chronicle-cache/"
    assert Path(cache["path"]).parent == Path(output).parent  # the build keeps its cache beside --output
    names = [s.get("uses") or s.get("run") for s in steps(workflow, "build")]
    assert names.index("actions/cache@v4") < names.index(publish)  # restored before the build


def test_the_cache_key_names_the_generator_and_the_content_and_an_edit_restores_the_last(workflow: dict) -> None:
    cache = cache_step(workflow)["with"]
    generator = "hashFiles('requirements.txt', 'vendor/*.whl', 'pyproject.toml', 'chronicle/__init__.py')"
    assert cache["key"] == f"pages-${{{{ {generator} }}}}-${{{{ steps.content.outputs.hash }}}}"
    assert cache["restore-keys"] == f"pages-${{{{ {generator} }}}}-"  # same generator, any content
    hashing = next(s for s in steps(workflow, "build") if s.get("id") == "content")["run"]
    assert hashing == 'echo "hash=$(git ls-files -s content | sha256sum | cut -c1-32)" >> "$GITHUB_OUTPUT"'


def test_publish_writes_its_cache_where_the_workflow_restores_it(workflow: dict, tmp_path: Path, monkeypatch) -> None:
    from chronicle.publish import publish
    from tests.support import DEMO
    shutil.copytree(DEMO, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert publish(["--base-url", "https://example.github.io/repo/", "--output", "_site"], out, out, {}) == 0
    assert (tmp_path / cache_step(workflow)["with"]["path"] / "_site.sqlite").is_file()
