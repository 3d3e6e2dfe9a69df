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
from .findings import (LEVEL_TITLES, Finding, Level, consequence_of, consequence_positions, count_text, has_errors, key_label, listed,
                       more_of_the_kind, sorted_findings)

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
    (re.compile(r"No such command '(.+?)'\."), r"Okänt kommando ”\1”. Kommandon: ny, kontrollera, bygg, jamfor, importera, lagesrapport, granska."),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), r"Oväntade argument: \1"),
    (re.compile(r"Option '(.+?)' requires an argument\."), r"Alternativet \1 kräver ett värde."),
    (re.compile(r"Option '(.+?)' does not take a value\."), r"Alternativet \1 tar inget värde."),
    (re.compile(r"Invalid value for '(.+?)': "), lambda m: f"Ogiltigt värde för {_option_names(m[1])}: "),
    (re.compile(r"'(.+?)' is not a valid integer\."), r"”\1” är inget heltal."),
    (re.compile(r"Directory '(.+?)' is a file\."), r"”\1” är en fil, inte en mapp."),
    (re.compile(r"File '(.+?)' is a directory\."), r"”\1” är en mapp, inte en fil."),
)


def _option_names(quoted: str) -> str:
    """click's ``-o' / '--ut`` (inside its outer quotes) → ``-o/--ut``."""
    return "/".join(part.strip(" '") for part in quoted.split("/"))


def _swedish_usage(message: str) -> str:
    for pattern, replacement in USAGE_ERRORS:
        message = pattern.sub(replacement, message)
    return message


PREVIOUS_HELP = ("Förra årets JSON-export (arsredovisning-ÅR.json) eller årsmapp: jämför årets Föregående år och "
                 "Ingående föregående år med den och visa flerårsöversikten. Standard: Förbund › Föregående årsmapp, "
                 "annars mappen bredvid med förra årets nummer.")

# The commands import the pipeline, compare, scaffold and present modules inside their functions,
# purely for start-up speed: they pull in pandas, WeasyPrint and matplotlib, which would make
# `arsredovisning --help` take ~1.7 s instead of ~0.08 s. There is no import cycle behind it.


@click.group(context_settings=CONTEXT, help="Skapar samordningsförbundets årsredovisning ur en årsmapp (indata.xlsx + texter/).")
@click.version_option(__version__, "--version", "-V", prog_name="arsredovisning", message="%(prog)s %(version)s", help="Visa versionen och avsluta.")
@click.help_option("-h", "--help", **HELP)
def cli() -> None:
    pass


@cli.command("ny", short_help="Skapa en ny årsmapp.", help="Skapa en ny årsmapp med en tom arbetsbok (alla blad och rubriker) och en texter/-mapp. Med --fran börjar det nya året från förra årets årsmapp.")
@click.argument("folder", metavar="MAPP", type=click.Path(file_okay=False, path_type=Path))
@click.option("--ar", "year", type=int, default=None, metavar="ÅR", help="Räkenskapsår (standard: mappens namn när det är ett årtal, t.ex. arsmappar/2026, annars förra året).")
@click.option("--fran", "previous", type=click.Path(path_type=Path), default=None, metavar="FÖRRA_ÅRSMAPPEN", help="Börja från förra årets årsmapp: förbund, medlemmar, kontoplan, personer och pågående insatser förs över, förra årets belopp blir Föregående år och texterna kopieras som utkast. Förra årets mapp ändras inte.")
@click.help_option("-h", "--help", **HELP)
def new(folder: Path, year: int | None, previous: Path | None) -> None:
    from .scaffold import write_from_previous, write_new_folder

    if (folder / WORKBOOK).exists():
        click.echo(f"Fel: {folder / WORKBOOK} finns redan. Välj en ny mapp; befintliga filer skrivs aldrig över.", err=True)
        sys.exit(1)
    if previous is not None and year is not None:
        click.echo("Fel: ange antingen --ar eller --fran; med --fran blir året förra årets Räkenskapsår + 1.", err=True)
        sys.exit(2)
    named = _year_of_folder(folder)
    path: Path | None
    try:
        if previous is None:
            if year is not None:
                chosen = f"Räkenskapsår {year} (--ar)."
            elif named is not None:
                year, chosen = named, f"Räkenskapsår {named}, efter mappens namn (ange --ar för ett annat år)."
            else:
                year = date.today().year - 1
                chosen = f"Räkenskapsår {year}: förra året, eftersom mappens namn inte är ett årtal (ange --ar för ett annat år)."
            path = write_new_folder(folder, year)
        else:
            path, findings = write_from_previous(folder, previous)
            if path is None:
                _print_findings([f for f in findings if f.level is not Level.INFO])
                click.echo(f"Ingen ny årsmapp skapades: rätta felen i {previous} (kör arsredovisning kontrollera {previous}) och försök igen.", err=True)
                sys.exit(1)
    except OSError as exc:
        click.echo(f"Fel: kan inte skapa {folder} ({exc.strerror or exc}). Kontrollera sökvägen och att du har skrivrätt där.", err=True)
        sys.exit(1)
    click.echo(f"Skapade {path.resolve()} och {(folder / 'texter').resolve()}/.")
    if previous is None:
        click.echo(chosen)
    else:
        made = _year_in(path)
        click.echo(f"Räkenskapsår {made}: förra årets + 1.")
        if named is not None and made is not None and named != made:
            click.echo(f"Obs: mappen heter {named} men räkenskapsåret är {made}. Byt namn på mappen till {made}, "
                       "så hittar nästa år den här mappen av sig själv.", err=True)
        click.echo(f"Från {previous}: förra årets Belopp står nu i Föregående år. Fyll i årets Belopp (eller importera årets SIE-fil), "
                   "insatsernas siffror, medlemsbidraget och Beslutsdatum, och skriv om texterna – de är förra årets, kopierade som utkast.")
    click.echo(f"Fyll i arbetsboken och kör sedan: arsredovisning kontrollera {folder}")


def _year_of_folder(folder: Path) -> int | None:
    """The year a folder is named by (``arsmappar/2026`` → 2026); None for any other name."""
    return int(folder.name) if re.fullmatch(r"(19|20)\d\d", folder.name) else None


def _year_in(workbook: Path) -> int | None:
    """Förbund › Räkenskapsår of a workbook ``ny`` just wrote."""
    import openpyxl

    rows = openpyxl.load_workbook(workbook, read_only=True)["Förbund"].iter_rows(min_row=2, values_only=True)
    return next((r[1] for r in rows if r and r[0] == "Räkenskapsår"), None)


@cli.command("kontrollera", short_help="Kontrollera en årsmapp och visa fynden.", help="Läs årsmappen, gör alla kontroller och avstämningar och skriv ut fynden per nivå.")
@click.argument("folder", metavar="MAPP", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv fynden som JSON.")
@click.option("-q", "--tyst", "quiet", is_flag=True, help="Dölj info-meddelanden.")
@click.option("--foregaende", "previous", type=click.Path(path_type=Path), default=None, metavar="FIL", help=PREVIOUS_HELP)
@click.help_option("-h", "--help", **HELP)
def check(folder: Path, as_json: bool, quiet: bool, previous: Path | None) -> None:
    from .pipeline import run_checks

    result = run_checks(folder, previous=previous)
    findings = [f for f in result.findings if not (quiet and f.level is Level.INFO)]
    if as_json:
        click.echo(json.dumps(_json_report(folder, result, findings), ensure_ascii=False, indent=2))
    else:
        _print_findings(findings)
        if result.inp is not None and not quiet:
            _print_reference(result)
        _print_summary(result.findings)
    sys.exit(1 if has_errors(result.findings) else 0)


@cli.command("bygg", short_help="Bygg årsredovisningen som PDF och HTML.", help="Bygg årsredovisningen (PDF och HTML) och underlagen från årsmappen. Filerna skrivs i mappen output/ i den mapp du står i (eller i mappen som -o anger); hela sökvägen till varje fil skrivs ut.")
@click.argument("folder", metavar="MAPP", type=click.Path(path_type=Path))
@click.option("-o", "--ut", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), metavar="MAPP", help="Mapp där resultatet skrivs (standard: mappen output/ i den mapp du står i när du kör kommandot). Sökvägen till varje skriven fil skrivs ut.")
@click.option("-q", "--tyst", "quiet", is_flag=True, help="Visa inga förloppsmeddelanden.")
@click.option("--med-kontrollrapport", "with_control_report", is_flag=True, help="Lägg kontrollrapporten sist i årsredovisningen, som en bilaga.")
@click.option("--mallar", "templates", type=click.Path(path_type=Path), default=None, metavar="MAPP", help="Egna mallar och stilmallar: filer här ersätter programmets med samma sökväg (t.ex. css/report.css, sections/framsida.html.j2).")
@click.option("--maskera-under", "mask_under", type=click.IntRange(min=2), default=None, metavar="N", help="Skydda små tal: antal personer från 1 till N−1 visas som ”<N” i bilagornas persontabeller, och det som skulle låta ett dolt tal räknas fram ur summorna döljs också. Gäller PDF och HTML; revisionsunderlagen visar alla tal.")
@click.option("--arkiv", "archive", is_flag=True, help="Skriv också en arkivversion, arsredovisning-ÅR-arkiv.pdf: PDF/A-3 med indata.xlsx och JSON-exporten inbäddade.")
@click.option("--foregaende", "previous", type=click.Path(path_type=Path), default=None, metavar="FIL", help=PREVIOUS_HELP)
@click.option("--slutlig", "final", is_flag=True, help="Bygg den slutliga årsredovisningen (utan utkastmarkering). Vägras så länge en avstämning har en skillnad som inte är förklarad i bladet Upplysningar, eller ett exempel från ”arsredovisning ny” finns kvar. Utan flaggan blir det ett utkast.")
@click.help_option("-h", "--help", **HELP)
def build(folder: Path, out: Path, quiet: bool, with_control_report: bool, templates: Path | None, mask_under: int | None, archive: bool, previous: Path | None, final: bool) -> None:
    from .build import BuildOptions, run_build

    if templates is not None and not templates.is_dir():
        click.echo(f"Fel: mallmappen {templates} finns inte. Ange en mapp med egna mallar, eller kör utan --mallar.", err=True)
        sys.exit(2)

    def progress(stage: str, seconds: float) -> None:
        if not quiet:
            click.echo(f"  {stage:<28} {seconds * 1000:7.0f} ms", err=True)

    options = BuildOptions(mask_under=mask_under, archive=archive, templates=templates, previous=previous,
                           with_control_report=with_control_report, final=final)
    result = run_build(folder, out, progress=progress, options=options)
    shown = [f for f in result.findings if f.level is not Level.INFO]
    _print_findings(shown)
    if has_errors(result.findings):
        click.echo("Bygget avbröts: rätta felen ovan och försök igen. Inga filer skrevs.", err=True)
        sys.exit(1)
    for path in result.written:
        click.echo(f"Skrev {Path(path).resolve()}")
    _print_summary(result.findings)


@cli.command("jamfor", short_help="Jämför två versioner: vilka tal och fynd ändrades.", help="Jämför FÖRE och EFTER (var och en en årsmapp eller en JSON-export från bygg) och visa varje tal som ändrats och varje fynd som tillkommit eller försvunnit.")
@click.argument("before", metavar="FÖRE", type=click.Path(path_type=Path))
@click.argument("after", metavar="EFTER", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv jämförelsen som JSON.")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FIL", help="Skriv också jämförelsen som en ändringsrapport (PDF/UA) till FIL, att lämna till revisorn.")
@click.help_option("-h", "--help", **HELP)
def compare(before: Path, after: Path, as_json: bool, pdf: Path | None) -> None:
    from .compare import SideError, comparison_json, comparison_text, compare_paths, write_change_report

    try:
        result = compare_paths(before, after)
    except SideError as exc:
        click.echo(f"Fel: {exc}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(comparison_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(comparison_text(result), nl=False)
    if pdf is not None:
        try:
            written = write_change_report(result, pdf)
        except OSError as exc:
            click.echo(f"Fel: ändringsrapporten kunde inte skrivas till {pdf} ({exc.strerror or exc}).", err=True)
            sys.exit(1)
        click.echo(f"Skrev {written.resolve()}", err=as_json)


@cli.command("verifiera", short_help="Är en PDF den slutliga årsredovisningen av årsmappen?", help="Bygg ÅRSMAPP som med bygg --slutlig (i en tillfällig mapp) och jämför med FIL.pdf: samma versions-id och samma text på varje sida. Listar PDF:ens signaturer (undertecknare, tid, om signaturen täcker hela filen). Slutkod 0 när PDF:en är den slutliga årsredovisningen, annars 1.")
@click.argument("pdf", metavar="FIL.pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("folder", metavar="ÅRSMAPP", type=click.Path(path_type=Path))
@click.option("--mallar", "templates", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="MAPP", help="Samma egna mallar som den slutliga årsredovisningen byggdes med.")
@click.option("--maskera-under", "mask_under", type=click.IntRange(min=2), default=None, metavar="N", help="Samma --maskera-under som den slutliga årsredovisningen byggdes med.")
@click.option("--med-kontrollrapport", "with_control_report", is_flag=True, help="Den slutliga årsredovisningen byggdes med --med-kontrollrapport.")
@click.option("--foregaende", "previous", type=click.Path(path_type=Path), default=None, metavar="FIL", help="Samma --foregaende som den slutliga årsredovisningen byggdes med.")
@click.help_option("-h", "--help", **HELP)
def verify_pdf(pdf: Path, folder: Path, templates: Path | None, mask_under: int | None, with_control_report: bool,
               previous: Path | None) -> None:
    from .verify import verification_text, verify

    result = verify(pdf, folder, templates=templates, mask_under=mask_under, with_control_report=with_control_report,
                    previous=previous)
    click.echo(verification_text(result), nl=False)
    sys.exit(0 if result.accepted else 1)


@cli.command("importera", short_help="Fyll bladet Saldobalans från en SIE-fil.", help="Läs SIE-filen FIL (typ 4, exporterad från bokföringsprogrammet) och fyll bladet Saldobalans i ÅRSMAPP/indata.xlsx: Belopp och Föregående år från utgående balanser och resultat, Ingående föregående år från föregående års ingående balanser. Skapar årsmappen om den saknas; övriga blad och formateringen lämnas orörda, och den tidigare arbetsboken sparas som indata-backup.xlsx.")
@click.argument("sie_file", metavar="FIL", type=click.Path(path_type=Path))
@click.argument("folder", metavar="ÅRSMAPP", type=click.Path(file_okay=False, path_type=Path))
@click.option("--torrkorning", "dry_run", is_flag=True, help="Visa ändringarna utan att skriva något.")
@click.option("--kontoplan", "chart", type=click.Choice(["kommun", "bas"]), default=None, help="Skriv den inbyggda kontoplanen i bladet Kontoplan: kommun (Kommun-BAS) eller bas (BAS för företag). Standard: för en ny årsmapp den kontoplan som passar filens konton (#KPTYP avgör bara mellan lika bra), annars lämnas bladet som det är.")
@click.help_option("-h", "--help", **HELP)
def import_sie(sie_file: Path, folder: Path, dry_run: bool, chart: str | None) -> None:
    from .accounts import CHART_NAMES
    from .importer import changes_text, run_import

    result = run_import(sie_file, folder, dry_run=dry_run, chart=chart)
    _print_or_stop(result.findings, "Importen avbröts: rätta felen ovan och försök igen. Inget skrevs.")
    sie = result.sie
    assert sie is not None, "run_import carries the SIE file whenever it found no error"
    program = " ".join(p for p in (sie.program, sie.program_version) if p) or "okänt program"
    click.echo(f"\nSIE-fil: {sie.name} ({program}, exporterad {sie.generated.isoformat() if sie.generated else 'okänt datum'}, SHA-256 {sie.short_sha256}).")
    click.echo(changes_text(result), nl=False)
    if result.chart:
        click.echo(f"Kontoplan: den inbyggda kontoplanen {CHART_NAMES[result.chart]} skrivs i bladet Kontoplan.")
    if result.unchanged:
        click.echo(f"Inga ändringar: {folder / WORKBOOK} har redan precis detta innehåll och skrevs inte om.")
    elif dry_run:
        click.echo("Torrkörning: inget skrevs.")
    else:
        for path in result.written:
            click.echo(f"Skrev {path}")
        click.echo(f"Kör sedan: arsredovisning kontrollera {folder}")
    _print_summary(result.findings)


class PeriodType(click.ParamType):
    """``2025-01-01:2025-06-30`` → two dates."""

    name = "period"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        try:
            start, end = (date.fromisoformat(part.strip()) for part in str(value).split(":"))
        except ValueError:
            self.fail(f"”{value}” är ingen period. Skriv FRÅN:TILL, t.ex. 2025-01-01:2025-06-30.", param, ctx)
        if end < start:
            self.fail(f"perioden {value} slutar före den börjar.", param, ctx)
        return start, end


@cli.group("lagesrapport", short_help="Lägesrapporter: formulär ut, svar in, uppföljning.", help="Insatsernas lägesrapporter: skapa formulär, läs in ifyllda rapporter och sammanställ uppföljningen för styrelsen.")
@click.help_option("-h", "--help", **HELP)
def progress_reports() -> None:
    pass


@progress_reports.command("skapa", short_help="Skapa ett Word-formulär per insats.", help="Skapa ett ifyllnadsbart Word-formulär (.docx) per insats som är aktiv under perioden, förifyllt med insatsens namn, period, rapportnummer, budget och planerat antal deltagare.")
@click.argument("folder", metavar="ÅRSMAPP", type=click.Path(path_type=Path))
@click.option("--period", "period", type=PeriodType(), required=True, metavar="FRÅN:TILL", help="Rapportperioden, t.ex. 2025-01-01:2025-06-30.")
@click.option("-o", "--ut", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("lagesrapporter"), metavar="MAPP", help="Mapp där formulären skrivs (standard: lagesrapporter).")
@click.help_option("-h", "--help", **HELP)
def progress_create(folder: Path, period, out: Path) -> None:
    from .lagesrapport.run import create_forms

    outcome = create_forms(folder, period, out)
    _print_or_stop(outcome.findings, "Inga formulär skrevs: rätta felen ovan och försök igen.")
    for path in outcome.written:
        click.echo(f"Skrev {path}")


@progress_reports.command("las", short_help="Läs in ifyllda lägesrapporter.", help="Läs de ifyllda lägesrapporterna i MAPP (.docx, .md, .txt), kontrollera dem mot årsmappens arbetsbok och visa per insats vad som lästes och vad som skulle ändras. Med --skriv skrivs bladet Lägesrapporter, årets deltagarsiffror (Insatser, Kön) och svaren i lagesrapportsvar/ (att hämta text ur till insatsernas texter; publiceras inte), med säkerhetskopia.")
@click.argument("forms", metavar="MAPP", type=click.Path(path_type=Path))
@click.argument("folder", metavar="ÅRSMAPP", type=click.Path(path_type=Path))
@click.option("--skriv", "write", is_flag=True, help="Skriv ändringarna i årsmappen (annars visas de bara).")
@click.help_option("-h", "--help", **HELP)
def progress_read(forms: Path, folder: Path, write: bool) -> None:
    from .lagesrapport.run import read_and_apply

    outcome = read_and_apply(forms, folder, write)
    _print_or_stop(outcome.findings, "Inget ändrades: rätta felen ovan och läs in igen.")
    click.echo("")
    for line in outcome.summary:
        click.echo(line)
    if write:
        for path in outcome.written:
            click.echo(f"Skrev {path}")
    else:
        click.echo("\nInget skrevs. Kör igen med --skriv för att spara ändringarna.")


@progress_reports.command("sammanstall", short_help="Sammanställ uppföljningen för styrelsen.", help="Sammanställ lägesrapporterna i MAPP till uppföljningen för styrelsen (PDF och HTML): en översikt över alla insatser och ett avsnitt per insats.")
@click.argument("forms", metavar="MAPP", type=click.Path(path_type=Path))
@click.argument("folder", metavar="ÅRSMAPP", type=click.Path(path_type=Path))
@click.option("-o", "--ut", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), metavar="UTMAPP", help="Mapp där uppföljningen skrivs (standard: output).")
@click.option("--period", "period", type=PeriodType(), default=None, metavar="FRÅN:TILL", help="Perioden som följs upp (standard: den period formulären skapades för).")
@click.help_option("-h", "--help", **HELP)
def progress_summary(forms: Path, folder: Path, out: Path, period) -> None:
    from .lagesrapport.run import summarise

    outcome = summarise(forms, folder, out, period)
    _print_or_stop(outcome.findings, "Uppföljningen skrevs inte: rätta felen ovan och försök igen.")
    for path in outcome.written:
        click.echo(f"Skrev {path}")


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


def _print_or_stop(findings: list[Finding], stopped: str) -> None:
    """Print the findings; with a ``fel`` among them also ``stopped`` (what was not done) and exit 1."""
    _print_findings(findings)
    if has_errors(findings):
        click.echo(stopped, err=True)
        sys.exit(1)


def _print_findings(findings: list[Finding]) -> None:
    """Per level, causes first; a finding that follows from another is shown indented under it."""
    ordered = sorted_findings(findings)
    position = consequence_positions(ordered)
    parent = {id(f): consequence_of(f, ordered, position) for f in ordered}
    by_key = {f.key: f for f in ordered}

    def group_level(f: Finding) -> Level:
        seen = set()
        while (cause := parent[id(f)]) is not None and f.key not in seen:  # a consequence goes with its root cause
            seen.add(f.key)
            f = by_key[cause]
        return f.level

    levels = {id(f): group_level(f) for f in ordered}
    for level in Level:
        group = [f for f in ordered if levels[id(f)] is level]
        if not group:
            continue
        click.echo(f"\n{LEVEL_TITLES[level]} ({len(group)})")
        first, more = listed(group)  # at most LISTED_PER_KIND of one id; the rest counted
        for f in first:
            where = f"{f.location}: " if f.location else ""
            cause = parent[id(f)]
            if cause is None:
                click.echo(f"  [{f.id}] {where}{f.message}")
            else:
                shown = "" if f.level is level else f" ({f.level.value})"
                click.echo(f"      ↳ följer av {key_label(cause)}{shown}: [{f.id}] {where}{f.message}")
        for kind, n in more.items():
            click.echo(f"  [{kind}] {more_of_the_kind(n)} (alla med --json).")


def _print_summary(findings: list[Finding]) -> None:
    click.echo(f"\nSammanfattning: {count_text(findings)}.")


def _print_reference(result) -> None:
    """Placeholder names and expected insats text files: what the ekonom needs while writing texts."""
    from .load.schema import SALDOBALANS
    from .present.placeholders import display_values

    if result.key_figures and result.inp.unusable_in(SALDOBALANS):
        click.echo("\nNyckeltalen för texterna ({{ namn }}) visas när cellerna i Saldobalans kan läsas.")
    elif result.key_figures:
        values = display_values(result.key_figures, result.inp.organisation.unit)
        click.echo("\nNyckeltal att använda i texterna som {{ namn }}:")
        width = max(len(name) for name in result.key_figures) + 6
        for name, figure in result.key_figures.items():
            click.echo(f"  {'{{ ' + name + ' }}':<{width}} {values[name]:>14}  {figure.description}")
    history = result.report.history if result.report is not None else None
    if history is not None and len(history.years) > 1:
        click.echo("\nTidigare år (kontroller mellan åren och flerårsöversikt):")
        for y in history.years[1:]:
            click.echo(f"  {y.year}  {y.source}  " + ("publicerad JSON-export" if y.published else "beräknad ur arbetsboken"))
    if result.text_files:
        click.echo("\nTextfiler för insatserna (texter/insatser/):")
        for name, file, exists in result.text_files:
            mark = "finns" if exists else "saknas"
            click.echo(f"  {file:<48} {mark:<7} {name}")
        _print_intervention_placeholders()


def _print_intervention_placeholders() -> None:
    from .compute.key_figures import INTERVENTION_FIGURES

    click.echo("\nI en insatstext (texter/insatser/) visar dessa insatsens egna tal:")
    width = max(len(name) for name, _, _ in INTERVENTION_FIGURES) + 6
    for name, _, description in INTERVENTION_FIGURES:
        click.echo(f"  {'{{ ' + name + ' }}':<{width}} {description}")


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
    from .load.schema import SALDOBALANS
    from .present.placeholders import display_values

    if not result.key_figures or result.inp.unusable_in(SALDOBALANS):  # figures from a partly read ledger mislead
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
