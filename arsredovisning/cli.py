"""Command line: ``arsredovisning ny | kontrollera | bygg``. Options in, call the library, print."""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .files import WORKBOOK
from .findings import LEVEL_TITLES, Finding, Level, has_errors, sorted_findings

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


HEADINGS = {"Options": "Alternativ", "Commands": "Kommandon", "Arguments": "Argument"}


class SwedishFormatter(click.HelpFormatter):
    """click's help layout with Swedish headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args.replace("[OPTIONS]", "[ALTERNATIV]").replace("COMMAND", "KOMMANDO").replace("[ARGS]", "[ARGUMENT]"), prefix="Användning: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))


click.Context.formatter_class = SwedishFormatter
HELP = {"help": "Visa den här hjälpen och avsluta."}

# click's usage errors, in Swedish (the few a user meets). Applied repeatedly: "Invalid value for
# 'X': <reason>" translates its prefix, then the reason.
USAGE_ERRORS = (
    (re.compile(r"Missing argument '(.+?)'\."), r"Argumentet \1 saknas."),
    (re.compile(r"No such option:? '?([^'\s]+?)'?\.?(?= Did you mean|$)"), r"Okänt alternativ: \1."),
    (re.compile(r"Did you mean '?([^'?]+)'?\?"), r"Menade du \1?"),
    (re.compile(r"\(Possible options: (.+)\)"), r"(Möjliga alternativ: \1)"),
    (re.compile(r"No such command '(.+?)'\."), r"Okänt kommando ”\1”. Kommandon: ny, kontrollera, bygg, jamfor, granska."),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), r"Oväntade argument: \1"),
    (re.compile(r"Option '(.+?)' requires an argument\."), r"Alternativet \1 kräver ett värde."),
    (re.compile(r"Option '(.+?)' does not take a value\."), r"Alternativet \1 tar inget värde."),
    (re.compile(r"Invalid value for '(.+?)': "), r"Ogiltigt värde för \1: "),
    (re.compile(r"'(.+?)' is not a valid integer\."), r"”\1” är inget heltal."),
    (re.compile(r"Directory '(.+?)' is a file\."), r"”\1” är en fil, inte en mapp."),
    (re.compile(r"File '(.+?)' is a directory\."), r"”\1” är en mapp, inte en fil."),
)


def _swedish_usage(message: str) -> str:
    for pattern, replacement in USAGE_ERRORS:
        message = pattern.sub(replacement, message)
    return message


# The commands import the pipeline, compare, scaffold and present modules inside their functions,
# purely for start-up speed: they pull in pandas, WeasyPrint and matplotlib, which would make
# `arsredovisning --help` take ~1.7 s instead of ~0.08 s. There is no import cycle behind it.


@click.group(context_settings=CONTEXT, help="Skapar samordningsförbundets årsredovisning ur en årsmapp (indata.xlsx + texter/).")
@click.version_option(__version__, "--version", "-V", prog_name="arsredovisning", message="%(prog)s %(version)s", help="Visa versionen och avsluta.")
@click.help_option("-h", "--help", **HELP)
def cli() -> None:
    pass


@cli.command("ny", short_help="Skapa en ny årsmapp.", help="Skapa en ny årsmapp med en tom arbetsbok (alla blad och rubriker) och en texter/-mapp.")
@click.argument("folder", metavar="MAPP", type=click.Path(file_okay=False, path_type=Path))
@click.option("--ar", "year", type=int, default=None, metavar="ÅR", help="Räkenskapsår (standard: förra året).")
@click.help_option("-h", "--help", **HELP)
def new(folder: Path, year: int | None) -> None:
    from .scaffold import write_new_folder

    if (folder / WORKBOOK).exists():
        click.echo(f"Fel: {folder / WORKBOOK} finns redan. Välj en ny mapp; befintliga filer skrivs aldrig över.", err=True)
        sys.exit(1)
    try:
        path = write_new_folder(folder, year or date.today().year - 1)
    except OSError as exc:
        click.echo(f"Fel: kan inte skapa {folder} ({exc.strerror or exc}). Kontrollera sökvägen och att du har skrivrätt där.", err=True)
        sys.exit(1)
    click.echo(f"Skapade {path} och {folder / 'texter'}/.")
    click.echo(f"Fyll i arbetsboken och kör sedan: arsredovisning kontrollera {folder}")


@cli.command("kontrollera", short_help="Kontrollera en årsmapp och visa fynden.", help="Läs årsmappen, gör alla kontroller och avstämningar och skriv ut fynden per nivå.")
@click.argument("folder", metavar="MAPP", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv fynden som JSON.")
@click.option("-q", "--tyst", "quiet", is_flag=True, help="Dölj info-meddelanden.")
@click.help_option("-h", "--help", **HELP)
def check(folder: Path, as_json: bool, quiet: bool) -> None:
    from .pipeline import run_checks

    result = run_checks(folder)
    findings = [f for f in result.findings if not (quiet and f.level is Level.INFO)]
    if as_json:
        click.echo(json.dumps(_json_report(folder, result, findings), ensure_ascii=False, indent=2))
    else:
        _print_findings(findings)
        if result.inp is not None and not quiet:
            _print_reference(result)
        _print_summary(result.findings)
    sys.exit(1 if has_errors(result.findings) else 0)


@cli.command("bygg", short_help="Bygg årsredovisningen som PDF och HTML.", help="Bygg årsredovisningen (PDF och HTML) och underlagen från årsmappen.")
@click.argument("folder", metavar="MAPP", type=click.Path(path_type=Path))
@click.option("-o", "--ut", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), metavar="MAPP", help="Mapp där resultatet skrivs (standard: output).")
@click.option("-q", "--tyst", "quiet", is_flag=True, help="Visa inga förloppsmeddelanden.")
@click.option("--med-kontrollrapport", "with_control_report", is_flag=True, help="Lägg kontrollrapporten sist i årsredovisningen, som en bilaga.")
@click.option("--mallar", "templates", type=click.Path(path_type=Path), default=None, metavar="MAPP", help="Egna mallar och stilmallar: filer här ersätter programmets med samma sökväg (t.ex. css/report.css, sections/framsida.html.j2).")
@click.option("--maskera-under", "mask_under", type=click.IntRange(min=2), default=None, metavar="N", help="Skydda små tal: antal personer från 1 till N−1 visas som ”<N” i bilagornas persontabeller, och det som skulle låta ett dolt tal räknas fram ur summorna döljs också. Gäller PDF och HTML; revisionsunderlagen visar alla tal.")
@click.option("--arkiv", "archive", is_flag=True, help="Skriv också en arkivversion, arsredovisning-ÅR-arkiv.pdf: PDF/A-3 med indata.xlsx och JSON-exporten inbäddade.")
@click.help_option("-h", "--help", **HELP)
def build(folder: Path, out: Path, quiet: bool, with_control_report: bool, templates: Path | None, mask_under: int | None, archive: bool) -> None:
    from .build import run_build

    if templates is not None and not templates.is_dir():
        click.echo(f"Fel: mallmappen {templates} finns inte. Ange en mapp med egna mallar, eller kör utan --mallar.", err=True)
        sys.exit(2)

    def progress(stage: str, seconds: float) -> None:
        if not quiet:
            click.echo(f"  {stage:<28} {seconds * 1000:7.0f} ms", err=True)

    result = run_build(folder, out, progress=progress, with_control_report=with_control_report, templates=templates, mask_under=mask_under, archive=archive)
    shown = [f for f in result.findings if f.level is not Level.INFO]
    _print_findings(shown)
    if has_errors(result.findings):
        click.echo("Bygget avbröts: rätta felen ovan och försök igen. Inga filer skrevs.", err=True)
        sys.exit(1)
    for path in result.written:
        click.echo(f"Skrev {path}")
    _print_summary(result.findings)


@cli.command("jamfor", short_help="Jämför två versioner: vilka tal och fynd ändrades.", help="Jämför FÖRE och EFTER (var och en en årsmapp eller en JSON-export från bygg) och visa varje tal som ändrats och varje fynd som tillkommit eller försvunnit.")
@click.argument("before", metavar="FÖRE", type=click.Path(path_type=Path))
@click.argument("after", metavar="EFTER", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv jämförelsen som JSON.")
@click.help_option("-h", "--help", **HELP)
def compare(before: Path, after: Path, as_json: bool) -> None:
    from .compare import SideError, comparison_json, comparison_text, compare_paths

    try:
        result = compare_paths(before, after)
    except SideError as exc:
        click.echo(f"Fel: {exc}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(comparison_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(comparison_text(result), nl=False)


@cli.command("granska", short_help="Förhandsvisa årsredovisningen i webbläsaren medan du arbetar.", help="Starta en lokal förhandsvisning: fynden, nyckeltalen och årsredovisningen i webbläsaren, uppdaterade varje gång du sparar arbetsboken eller en text. Knappen Bygg skriver PDF och alla filer som bygg. Adressen (med en hemlig nyckel) skrivs ut först. Avsluta med Ctrl-C.")
@click.argument("folder", metavar="ÅRSMAPP", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(min=0, max=65535), default=0, metavar="N", help="Port på 127.0.0.1 (standard: en ledig port).")
@click.option("--ingen-webblasare", "no_browser", is_flag=True, help="Öppna inte webbläsaren; öppna adressen själv.")
@click.option("-o", "--ut", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), metavar="MAPP", help="Mapp där knappen Bygg skriver filerna (standard: output).")
@click.option("--mallar", "templates", type=click.Path(path_type=Path), default=None, metavar="MAPP", help="Egna mallar och stilmallar, som för bygg.")
@click.help_option("-h", "--help", **HELP)
def preview(folder: Path, port: int, no_browser: bool, out: Path, templates: Path | None) -> None:
    from .preview import serve
    from .preview.server import PortTaken

    if not folder.is_dir():
        click.echo(f"Fel: årsmappen {folder} finns inte eller är ingen mapp. Ange en årsmapp, t.ex. input/2016.", err=True)
        sys.exit(2)
    if templates is not None and not templates.is_dir():
        click.echo(f"Fel: mallmappen {templates} finns inte. Ange en mapp med egna mallar, eller kör utan --mallar.", err=True)
        sys.exit(2)
    try:
        serve(folder, out.resolve(), port=port, open_browser=not no_browser, templates=templates)
    except PortTaken as exc:
        click.echo(f"Fel: porten {port} på 127.0.0.1 kan inte användas ({exc.strerror}). Välj en annan med --port, eller utelämna --port.", err=True)
        sys.exit(1)


def _print_findings(findings: list[Finding]) -> None:
    ordered = sorted_findings(findings)
    for level in Level:
        group = [f for f in ordered if f.level is level]
        if not group:
            continue
        click.echo(f"\n{LEVEL_TITLES[level]} ({len(group)})")
        for f in group:
            where = f"{f.location}: " if f.location else ""
            click.echo(f"  [{f.id}] {where}{f.message}")


def _print_summary(findings: list[Finding]) -> None:
    counts = {level: sum(1 for f in findings if f.level is level) for level in Level}
    click.echo(f"\nSammanfattning: {counts[Level.ERROR]} fel, {counts[Level.WARNING]} varningar, {counts[Level.INFO]} info.")


def _print_reference(result) -> None:
    """Placeholder names and expected insats text files: what the ekonom needs while writing texts."""
    from .present.placeholders import display_values

    if result.key_figures:
        values = display_values(result.key_figures, result.inp.organisation.unit)
        click.echo("\nNyckeltal att använda i texterna som {{ namn }}:")
        width = max(len(name) for name in result.key_figures) + 6
        for name, figure in result.key_figures.items():
            click.echo(f"  {'{{ ' + name + ' }}':<{width}} {values[name]:>14}  {figure.description}")
    if result.text_files:
        click.echo("\nTextfiler för insatserna (texter/insatser/):")
        for name, file, exists in result.text_files:
            mark = "finns" if exists else "saknas"
            click.echo(f"  {file:<48} {mark:<7} {name}")


def _json_report(folder: Path, result, findings: list[Finding]) -> dict:
    counts = {level.value: sum(1 for f in result.findings if f.level is level) for level in Level}
    return {
        "version": 1,
        "arsmapp": str(folder),
        "antal": counts,
        "fynd": [f.as_dict() for f in sorted_findings(findings)],
        "nyckeltal": _json_key_figures(result),
    }


def _json_key_figures(result) -> dict:
    from .present.placeholders import display_values

    if not result.key_figures:
        return {}
    values = display_values(result.key_figures, result.inp.organisation.unit)
    return {
        name: {"varde": None if fig.value is None else str(fig.value), "visas": values[name], "beskrivning": fig.description}
        for name, fig in result.key_figures.items()
    }


def main() -> None:
    """Entry point: no traceback ever reaches the user."""
    try:
        cli.main(prog_name="arsredovisning", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.NoArgsIsHelpError as exc:  # bare "arsredovisning": show the help, not an error
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        sys.exit(2)
    except click.UsageError as exc:
        ctx = exc.ctx
        if ctx is not None:
            click.echo(ctx.get_usage(), err=True)
            click.echo(f"Skriv ”{ctx.command_path} --help” för hjälp.", err=True)
        else:  # some parser errors carry no context
            click.echo("Skriv ”arsredovisning --help” för hjälp.", err=True)
        click.echo(f"Fel: {_swedish_usage(exc.format_message())}", err=True)
        sys.exit(2)
    except click.Abort:
        click.echo("Avbrutet.", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("Avbrutet.", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("ARSREDOVISNING_DEBUG"):
            raise
        click.echo(
            f"Internt fel i arsredovisning ({type(exc).__name__}: {exc}). Detta är ett programfel, inte ett fel i "
            "din arbetsbok. Kör igen med miljövariabeln ARSREDOVISNING_DEBUG=1 och skicka utskriften till utvecklarna.",
            err=True,
        )
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
