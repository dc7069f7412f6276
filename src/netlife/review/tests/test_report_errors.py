"""Bad `report` options are one sentence on stderr, exit 1 (2 for usage)."""

import pytest


@pytest.mark.parametrize("weeks", ["0", "53", "-1"])
def test_weeks_out_of_range_is_one_sentence(run_cli, ana, weeks):
    result = run_cli("report", "--weeks", weeks)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "Error: --weeks takes a number from 1 to 52."


def test_weeks_that_is_not_a_number_is_a_usage_error(run_cli, ana):
    assert run_cli("report", "--weeks", "many").exit_code == 2


def test_an_html_file_in_a_missing_folder_is_one_sentence(run_cli, ana, tmp_path):
    target = tmp_path / "missing" / "review.html"
    result = run_cli("report", "--html", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == (
        f"Error: Cannot write the review to {target}: No such file or directory."
    )
    assert "Traceback" not in result.stderr


def test_a_folder_as_the_html_file_is_one_sentence(run_cli, ana, tmp_path):
    result = run_cli("report", "--html", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: Cannot write the review to {tmp_path}:")
    assert len(result.stderr.strip().splitlines()) == 1
