"""CLI of lagebild's own statistical models: ``train ner``, ``ner``, ``eval ner``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import LagebildError, install_extra
from .options import Number, output_file


def _fail(exc: Exception) -> None:
    raise click.ClickException(str(exc))


@click.group("train")
def train_group() -> None:
    """Train lagebild's statistical models from ../shared/data.

    The trained model is written into the package (lagebild/models/), where the
    analyzer finds it. Training is reproducible: a fixed seed, a fixed data split.

    \b
    Examples:
      lagebild train ner                        # about 25-45 minutes on 2 cores
      lagebild train vectors --out build/vectors_de
      lagebild train ner --vectors build/vectors_de --max-minutes 10 --out /tmp/ner_test
    """


@train_group.command("ner")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, show_default="../shared/data or $LAGEBILD_SHARED/data",
              help="Folder holding germeval2014/, ler_legal_ner/, europeana_ner_de/ "
                   "(and smartdata/, optional).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              show_default="lagebild/models/ner_de",
              help="Where to write the model; an existing model there is replaced "
                   "only when training succeeds.")
@click.option("--max-minutes", type=Number(min=0.5), default=40.0, show_default=True,
              help="Wall-clock budget of the NER training loop (pretraining comes on "
                   "top); training stops earlier when the early-stopping dev part stops "
                   "improving. The best checkpoint is kept.")
@click.option("--pretrain-epochs", type=click.IntRange(min=0), default=None,
              show_default="the shipped model's setting",
              help="First pretrain the network on raw text (GermEval training part, LER, "
                   "Europeana, SpkAtt speeches) for this many passes; 0 = off.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed (data sampling and weight initialisation).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, show_default="lagebild/models/ner_de.cfg",
              help="spaCy config with the network (tok2vec and NER head).")
@click.option("--vectors", "vectors_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, show_default="trained first (about 4 minutes)",
              help="Static vectors folder written by `lagebild train vectors`; without it "
                   "the vectors are trained first with the default settings.")
@click.option("--smartdata", "smartdata_share", type=Number(min=0.0, max=5.0),
              default=None, show_default="1.0, the shipped model's setting",
              help="Train also on the DFKI SmartData corpus (DATA/smartdata, CC BY 4.0; its "
                   "training part, labels mapped to GermEval's conventions): this share of "
                   "its news and RSS sentences per epoch (1 = all, 1.5 = all plus half), "
                   "tweets at half that; 0 = leave it out. Skipped with a message when the "
                   "folder is absent.")
@click.option("--news-annotators", default=None, metavar="IDS",
              help="Only the news sentences of these annotators (comma-separated ids of "
                   "data/ner/news.jsonl; data/ner/README.md says which round each belongs to). "
                   "The shipped model: N1,N2,N3,N4,N1+N2+NADJ,M5,M6,M7,M8 (rounds 1 and 2).")
@click.option("--news-dev-every", type=click.IntRange(min=0), default=0, show_default=True,
              help="Hold out the news sentences of every N-th article (data/ner, by id) from "
                   "training and add them to the early-stopping dev, which otherwise is a "
                   "slice of GermEval dev with about 190 entities; 0 = train on all.")
@click.option("--patience", type=click.IntRange(min=200), default=None,
              show_default="2000, the shipped model's setting",
              help="Steps without a better early-stopping dev F1 before training stops.")
def train_ner_cmd(data_dir, out, max_minutes, pretrain_epochs, seed, config_path,
                  vectors_dir, smartdata_share, news_annotators, news_dev_every, patience) -> None:
    """Train the German NER model (PER, LOC, ORG, MISC).

    Data: GermEval 2014 dev (every 5th sentence is held out and never trained
    on; the scores on it are printed at the end and stored in the model's
    meta.json), the German legal NER corpus (LER, sampled per epoch so that legal
    text does not swamp news), Europeana historical newspapers (chunked), the
    project's annotated news sentences (data/ner/news.jsonl) and the DFKI SmartData
    corpus (news, RSS, tweets; see lagebild.ner.read_smartdata and --smartdata).
    The network reads static floret vectors (see `lagebild train vectors`),
    trained first unless --vectors is given; they are saved inside the model.
    A missing or malformed data file stops training at once, naming file and line.

    \b
    Examples:
      lagebild train ner
      lagebild train ner --data /data/shared/data --max-minutes 20 --seed 1
      lagebild train ner --vectors build/vectors_de --pretrain-epochs 2 --max-minutes 20
      lagebild train ner --vectors build/vectors_de --smartdata 0   # without SmartData
      lagebild eval ner ../shared/data/germeval2014/NER-de-dev.tsv --holdout
    """
    from ..ner import TrainSettings, train_ner
    settings = TrainSettings(seed=seed, max_minutes=max_minutes)
    if pretrain_epochs is not None:
        settings.pretrain_epochs = pretrain_epochs
    if vectors_dir is not None:
        settings.vectors = str(vectors_dir)
    if smartdata_share is not None:
        settings.smartdata_share = smartdata_share
    settings.news_dev_every = news_dev_every
    if patience is not None:
        settings.patience = patience
    if news_annotators:
        settings.news_annotators = tuple(a.strip() for a in news_annotators.split(",") if a.strip())
    try:
        train_ner(data_dir=data_dir, out=out, config_path=config_path, settings=settings,
                  log=lambda m: click.echo(m, err=True))
    except LagebildError as exc:
        _fail(exc)


@train_group.command("vectors")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, show_default="../shared/data or $LAGEBILD_SHARED/data",
              help="Folder holding germeval2014/, ler_legal_ner/, europeana_ner_de/, spkatt2023/.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the vectors to (a spaCy pipeline folder with vocab/vectors).")
def train_vectors_cmd(data_dir, out) -> None:
    """Train the static word vectors (floret) that the NER model uses.

    Unlabeled text: LER (legal), SpkAtt Bundestag speeches, Europeana newspapers,
    and the GermEval sentences the NER model trains on (never the held-out or
    early-stopping ones). About 4 minutes on 2 cores; `lagebild train ner`
    runs this step itself unless given --vectors.

    \b
    Examples:
      lagebild train vectors --out build/vectors_de
      lagebild train ner --vectors build/vectors_de
    """
    from ..vectors import train_vectors
    try:
        train_vectors(data_dir=data_dir, out=out, log=lambda m: click.echo(m, err=True))
    except LagebildError as exc:
        _fail(exc)


def _data_option(holding: str):
    return click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=None, show_default="../shared/data or $LAGEBILD_SHARED/data",
                        help=f"Folder holding {holding}.")


def _out_option(default: str):
    return click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
                        show_default=default, help="Where to write the model.")


@train_group.command("parser")
@_data_option("ud_german_gsd/ and ud_german_lit/")
@_out_option("lagebild/models/parser_de")
@click.option("--max-minutes", type=Number(min=0.5), default=15.0, show_default=True,
              help="Wall-clock cap of the training loop (it usually stops after ~2 minutes).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def train_parser_cmd(data_dir, out, max_minutes, seed) -> None:
    """Train the German POS + case tagger (first stage of a parser; no arcs yet).

    Predicts the universal POS tag and the Case feature (Nom/Acc/Dat/Gen) of each
    token. Data: UD_German-GSD dev (every 5th sentence held out, accuracy printed
    at the end and stored in meta.json) and UD_German-LIT. Note: LIT is CC BY-NC-SA,
    so the resulting model is too.

    \b
    Examples:
      lagebild train parser
      lagebild train parser --out /tmp/pos_case --seed 1
    """
    from ..parser import MorphSettings, train_morph
    try:
        train_morph(data_dir=data_dir, out=out,
                    settings=MorphSettings(seed=seed, max_minutes=max_minutes),
                    log=lambda m: click.echo(m, err=True))
    except LagebildError as exc:
        _fail(exc)


@train_group.command("dep")
@_data_option("parzu_silver/ and ud_german_gsd/")
@_out_option("lagebild/models/dep_de")
@click.option("--max-minutes", type=Number(min=0.5), default=40.0, show_default=True,
              help="Wall-clock cap of the whole training, reading the data included (it stops earlier "
                   "when the held-out score stalls).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def train_dep_cmd(data_dir, out, max_minutes, seed) -> None:
    """Train a German dependency parser (optional, not shipped) for `train events --parse`.

    Learns heads and labels in ParZu's scheme (subj, obja, objd, pp/pn, gmod, app,
    aux, kon/cj ...) from the silver parses of ../shared/data/parzu_silver (13,653
    sentences of the political 10kGNAD articles). The event corpus's dev and test
    articles are never trained on; every 10th other article is held out for early
    stopping and the printed attachment scores (UAS/LAS). Subject and object F1 on
    UD German GSD dev (labels only) are printed too. The model is CC BY-NC-SA 4.0
    (derived from 10kGNAD text) and is not shipped: the event coder reads it only
    when trained with `lagebild train events --parse` (measured: no F1 gain,
    README 'Sentence structure'). About 20 minutes on 2 cores.

    \b
    Examples:
      lagebild train dep
      lagebild train dep --out /tmp/dep_de --max-minutes 10
      lagebild train events --parse --dep-model /tmp/dep_de --out /tmp/events_model
    """
    from ..depparse import DepSettings, train_dep
    try:
        train_dep(data_dir=data_dir, out=out, settings=DepSettings(seed=seed, max_minutes=max_minutes),
                  log=lambda m: click.echo(m, err=True))
    except LagebildError as exc:
        _fail(exc)


def _load(model_path):
    from ..ner import load_ner
    try:
        return load_ner(model_path)
    except LagebildError as exc:
        _fail(exc)


@click.command("ner")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              callback=output_file,
              help="Write here instead of standard output.")
@click.option("--model", "model_path", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Model folder (default: the shipped lagebild/models/ner_de).")
def ner_cmd(file, output, model_path) -> None:
    """Tag a GermEval-style TSV file with named entities.

    FILE has one token per line, TAB-separated, the token in column 2; lines
    starting with # are comments, a blank line ends a sentence. Output: the same
    lines, each token line with the predicted BIO tag (B-PER, I-LOC, O, ...)
    appended as a new last column; comment and blank lines unchanged.

    \b
    Examples:
      lagebild ner NER-de-test.tsv -o predicted.tsv
      lagebild ner sentences.tsv | cut -f2,5
    """
    from ..evaluate.ner import tag_file
    model = _load(model_path)
    try:
        if output:
            tmp = output.with_name(output.name + ".part")
            with open(tmp, "w", encoding="utf-8") as fh:
                counts = tag_file(file, fh, model)
            tmp.replace(output)
        else:
            counts = tag_file(file, sys.stdout, model)
    except LagebildError as exc:
        _fail(exc)
    click.echo(f"{counts['sentences']} sentences, {counts['tokens']} tokens, "
               f"{counts['entities']} entities", err=True)


@click.command("ner")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--holdout", is_flag=True,
              help="Score only every 5th sentence (0-based i % 5 == 4): on GermEval 2014 dev "
                   "these are the sentences the shipped model was not trained on.")
@click.option("--model", "model_path", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Model folder (default: the shipped lagebild/models/ner_de).")
def eval_ner_cmd(file, as_json, holdout, model_path) -> None:
    """Score the NER model on a gold GermEval-style TSV file, or on news sentences in the
    stand-off format of data/ner (a .jsonl file; texts joined from ../shared).

    TSV: token in column 2, gold BIO tag in column 3 (GermEval 2014 tags; plain
    B-PER/I-LOC/... also accepted). Prints precision, recall and F1 for PER, LOC,
    ORG and micro-averaged over them: outer level only, deriv and part tags count
    as O, OTH/MISC ignored, exact span match (label and both boundaries).

    The shipped model was trained on 4/5 of GermEval 2014 dev: score it there
    with --holdout only. data/ner/check/news_blind.jsonl holds 299 news
    sentences annotated from scratch and never trained on (data/ner/README.md).

    \b
    Examples:
      lagebild eval ner ../shared/data/germeval2014/NER-de-dev.tsv --holdout
      lagebild eval ner data/ner/check/news_blind.jsonl
      lagebild eval ner NER-de-test.tsv --json
    """
    from ..evaluate.ner import evaluate_file, evaluate_news
    from ..ner import format_scores
    model = _load(model_path)
    try:
        if file.suffix == ".jsonl":
            if holdout:
                raise click.UsageError("--holdout is for GermEval 2014 dev (a TSV file)")
            scores = evaluate_news(file, model)
        else:
            scores = evaluate_file(file, model, holdout_every=5 if holdout else None)
    except LagebildError as exc:
        _fail(exc)
    counts = scores.pop("_counts")
    if as_json:
        click.echo(json.dumps({"file": str(file), **counts, "scores": scores}, indent=2))
    else:
        click.echo(f"{file}: {counts['sentences']} sentences, {counts['tokens']} tokens")
        click.echo(format_scores(scores))


def register(main, eval_group) -> None:
    """Attach this module's commands to the ``lagebild`` group."""
    main.add_command(train_group)
    main.add_command(ner_cmd)
    eval_group.add_command(eval_ner_cmd)


@train_group.command("events")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, show_default="data/events", help="The annotated corpus (stand-off JSON Lines).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              show_default="lagebild/models/events_de", help="Where to write the model.")
@click.option("--no-models", is_flag=True, help="Prepare the examples without the NER model.")
@click.option("--parse", is_flag=True,
              help="Also read sentence structure: where each actor stands to the cue word in the "
                   "dependency parse (subject, object, \"pp:gegen\"). Build the parser first with "
                   "`lagebild train dep`; the analyzer then runs it. Off by default: it did not raise "
                   "F1 and costs a quarter of the speed (README, 'Sentence structure').")
@click.option("--dep-model", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              show_default="$LAGEBILD_DEP_MODEL, else lagebild/models/dep_de",
              help="With --parse: the dependency parser to use (the event model records it; the analyzer "
                   "reads it from there unless LAGEBILD_DEP_MODEL names another).")
@click.option("--with-dev", is_flag=True,
              help="Train on the dev split too, as train articles: the judge, calibrations, default coder and "
                   "floors are chosen out of fold on the train and dev news together. For a final model once the "
                   "design is fixed: its dev figures are then in sample (`eval events --split dev` says so), and "
                   "only the test split, the blind items and the shared gold files stay unseen. The thresholds "
                   "of the decoder without a judge (unused when the judge decides) are still picked on dev.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None,
              help="The default floor the model ships with, instead of the one chosen out of fold: for a "
                   "floor chosen on other evidence, such as precision on texts never trained on. The log and "
                   "meta.json give both; everything else is chosen, and every figure recorded, at the "
                   "out-of-fold floor.")
@click.option("--written-weight", type=click.FloatRange(0.0, 1.0, min_open=True), default=None,
              help="The weight of an item written for the project (written.jsonl, probes_read.jsonl) against "
                   "a news article's (default 1: the same). Written items hold many more events per character "
                   "than news; a lower weight moves the model toward real news (data/events/README.md, "
                   "test_scores.md).")
@click.option("--completions", type=click.IntRange(0, 5), default=None, show_default="0",
              help="How many countries named last before a cue (with the story's most named one) the judge may "
                   "fill a one-sided event's empty side with; what it fills is marked inferred (\"context\") and "
                   "kept only as surely as a one-sided event. 0 (the default): none; 2 was tried in session 40 and lost on dev.")
def train_events_cmd(corpus_dir, out, no_models, parse, dep_model, with_dev, min_confidence,
                     written_weight, completions) -> None:
    """Train the learned event coder on the corpus's train split.

    Trigger (event type per token), role (source/target per actor mention) and
    factuality models: logistic regression over features from the analyzer's
    tokens, mentions, cue lexicon and rule events (with --parse also the dependency
    parse), and a dyad judge over their
    candidates. The models' regularisation, the judge, the confidence calibration,
    the default coder and floor are chosen on the train news articles scored out of
    fold (models trained on the other folds read them); the default must keep the
    seed article of ../shared/gold at F1 >= 0.85 with no false facts; dev and the
    gold files are scored and reported; the test split is never read.
    About 12-20 minutes on 2 cores; needs scikit-learn (the train extra: pip install ".[train]"
    in lagebild's folder).

    \b
    Examples:
      lagebild train events
      lagebild train events --out /tmp/events_model
      lagebild train events --min-confidence 0.4     # the shipped model's floor (README)
      lagebild train events --written-weight 0.5     # written items count half a news article
      lagebild train events --completions 2          # sides filled from the story (tried, not shipped)
      lagebild eval events --split dev
    """
    try:
        from ..learned.train import train
    except ImportError as e:
        raise click.ClickException(f"training needs scikit-learn ({e}) -- install it with: "
                                   f"{install_extra('train')}")
    from ..modelinfo import EVENT_MODEL_DIR
    if dep_model is not None and not parse:
        raise click.UsageError("--dep-model names the parser of --parse; add --parse (or leave --dep-model out)")
    try:
        train(corpus_dir, out or EVENT_MODEL_DIR, log=lambda m: click.echo(m, err=True), use_models=not no_models,
              parse=parse, dep_model=dep_model, with_dev=with_dev, min_confidence=min_confidence,
              **({} if written_weight is None else {"written_weight": written_weight}),
              **({} if completions is None else {"completions": completions}))
    except (LagebildError, ValueError) as e:
        _fail(e)
