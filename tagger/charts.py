"""Plotly figure builders for the pages; each returns a figure and shows nothing."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

RUN_COLORS = {"rnn": "#EF553B", "birnn": "#636EFA"}
LABEL_CHARS = 14  # characters of a token shown as an axis label
LOSS_FLOOR = 1e-7  # where a zero loss is drawn on the log axis
DIRECTION_COLORS = {"forward": "#00CC96", "backward": "#AB63FA", "combined": "#636EFA"}


def matrix_figure(
    values: np.ndarray,
    hover: Sequence[Sequence[str]],
    title: str,
    colorscale: str = "Blues",
    row_labels: Sequence[str] | None = None,
) -> go.Figure:
    """A heatmap of a (sentences, time) matrix, each cell's value written in it.

    `hover` gives each cell's text (the token, say); rows read top to bottom.
    """
    rows, cols = values.shape
    labels = list(row_labels) if row_labels else [f"s{i}" for i in range(rows)]
    figure = go.Figure(
        go.Heatmap(
            z=values,
            x=list(range(cols)),
            y=labels,
            text=values,
            texttemplate="%{text}" if values.size <= 400 else None,
            customdata=np.asarray(_escape(hover), dtype=object),
            hovertemplate="%{y}, t=%{x}<br>%{customdata}<br>value %{z}<extra></extra>",
            colorscale=colorscale,
            showscale=False,
        )
    )
    figure.update_layout(
        title=title,
        height=min(900, 90 + 34 * rows),
        margin=dict(l=10, r=10, t=40, b=10),
        xaxis=dict(title="time step", dtick=1 if cols <= 30 else None),
        yaxis=dict(autorange="reversed"),
    )
    return figure


def loss_figure(
    runs: Mapping[str, Sequence[tuple[int, float]]],
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Training loss per epoch on a log axis, one line per run kind ("rnn", "birnn").

    `labels` names each kind in the legend. A loss of exactly zero, which a log
    axis cannot show, is drawn at LOSS_FLOOR.
    """
    labels = labels or {}
    figure = go.Figure()
    for kind, points in runs.items():
        figure.add_trace(
            go.Scatter(
                x=[epoch for epoch, _ in points],
                y=[max(loss, LOSS_FLOOR) for _, loss in points],
                mode="lines+markers",
                name=labels.get(kind, kind),
                line=dict(color=RUN_COLORS.get(kind)),
                marker=dict(size=5),
                hovertemplate="epoch %{x}: loss %{y:.3g}<extra></extra>",
            )
        )
    last = max((points[-1][0] for points in runs.values() if points), default=1)
    empty = not any(runs.values())
    figure.update_layout(
        xaxis=dict(title="epoch", dtick=1 if last <= 15 else None, rangemode="tozero"),
        yaxis=dict(
            title="sequence loss",
            type="log",
            dtick=1,
            exponentformat="power",
            range=[-4, 1] if empty else None,  # log10 bounds before any point
        ),
        height=360,
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", y=1.12),
        showlegend=True,  # Plotly hides a lone line's legend: name it anyway
    )
    return figure


def probability_figure(
    tokens: Sequence[str], views: Mapping[str, np.ndarray], tags: Sequence[str]
) -> go.Figure:
    """Side-by-side heatmaps of tag probabilities, tags × tokens, one per view.

    `views` maps a name (forward, backward, combined) to (time, tags) probabilities.
    """
    figure = make_subplots(
        rows=1,
        cols=len(views),
        shared_yaxes=True,
        subplot_titles=list(views),
        horizontal_spacing=0.03,
    )
    x = [f"{t}: {_short(token)}" for t, token in enumerate(tokens)]
    for col, (name, probs) in enumerate(views.items(), start=1):
        figure.add_trace(
            go.Heatmap(
                z=probs.T,
                x=x,
                y=_escape(tags),
                zmin=0,
                zmax=1,
                colorscale="Blues",
                showscale=col == len(views),
                hovertemplate=name + "<br>%{x}<br>%{y}: p=%{z:.3f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    figure.update_layout(
        height=120 + 24 * len(tags), margin=dict(l=10, r=10, t=40, b=10)
    )
    return figure


def tag_counts_figure(counts: Mapping[str, int]) -> go.Figure:
    """Training tokens per tag, as bars in the given order."""
    figure = go.Figure(
        go.Bar(
            x=_escape(counts),
            y=list(counts.values()),
            marker_color=RUN_COLORS["birnn"],
            hovertemplate="%{x}: %{y:,} tokens<extra></extra>",
        )
    )
    figure.update_layout(
        title="Tag distribution",
        yaxis_title="tokens",
        height=320,
        margin=dict(l=10, r=10, t=40, b=10),
    )
    return figure


def length_figure(lengths: Sequence[int]) -> go.Figure:
    """A histogram of sentence lengths in tokens."""
    figure = go.Figure(
        go.Histogram(
            x=list(lengths),
            marker_color=RUN_COLORS["rnn"],
            hovertemplate="%{x} tokens: %{y:,} sentences<extra></extra>",
        )
    )
    figure.update_layout(
        title="Sentence lengths",
        xaxis_title="tokens",
        yaxis_title="sentences",
        height=320,
        margin=dict(l=10, r=10, t=40, b=10),
    )
    return figure


def confusion_figure(labels: Sequence[str], matrix: np.ndarray) -> go.Figure:
    """Gold tags down, predicted tags across; colour is the share of each gold row."""
    totals = matrix.sum(axis=1, keepdims=True)
    shares = np.divide(matrix, totals, out=np.zeros(matrix.shape), where=totals > 0)
    figure = go.Figure(
        go.Heatmap(
            z=shares,
            x=_escape(labels),
            y=_escape(labels),
            customdata=matrix,
            zmin=0,
            zmax=1,
            colorscale="Blues",
            hovertemplate="gold %{y} → predicted %{x}<br>%{customdata:,} tokens "
            "(%{z:.1%} of %{y})<extra></extra>",
        )
    )
    figure.update_layout(
        title="Confusion matrix (rows: gold tag, columns: predicted tag)",
        xaxis_title="predicted",
        yaxis_title="gold",
        yaxis=dict(autorange="reversed"),
        height=160 + 26 * len(labels),
        margin=dict(l=10, r=10, t=40, b=10),
    )
    return figure


def _escape(texts):
    """Text from a corpus or a user, escaped so Plotly shows tags like <b> as text."""
    if isinstance(texts, str):
        return html.escape(texts)
    return [_escape(text) for text in texts]


def _short(token: str) -> str:
    # a long token would push the axis labels out of the figure
    token = token if len(token) <= LABEL_CHARS else token[: LABEL_CHARS - 1] + "…"
    return html.escape(token)


def reading_figure(
    tokens: Sequence[str], step: int, bidirectional: bool = True
) -> go.Figure:
    """Which words each direction has read when it stands at `step`.

    The forward state has read every word up to and including `step`; the
    backward state, in a bidirectional model, every word from `step` to the end.
    """
    read = np.zeros((2, len(tokens)))
    read[0, : step + 1] = 1
    read[1, step:] = 1
    read[:, step] = 2  # the word both stand on
    rows = ["forward", "backward"] if bidirectional else ["forward"]
    read = read[: len(rows)]
    labels = _escape(list(tokens))
    figure = go.Figure(
        go.Heatmap(
            z=read,
            x=[f"{t}: {_short(token)}" for t, token in enumerate(tokens)],
            y=rows,
            text=[labels] * len(rows),
            texttemplate="%{text}",
            zmin=0,
            zmax=2,
            colorscale=[[0, "#f1f3f9"], [0.5, "#a5b4fc"], [1, "#4f46e5"]],
            showscale=False,
            xgap=3,
            ygap=3,
            customdata=[
                ["has read" if r else "has not read" for r in row] for row in read
            ],
            hovertemplate=f"%{{y}} state at step {step} %{{customdata}} this word"
            "<extra></extra>",
        )
    )
    figure.update_layout(
        height=60 + 55 * len(rows),
        margin=dict(l=10, r=10, t=10, b=10),
        xaxis=dict(showticklabels=False),
        yaxis=dict(autorange="reversed"),
    )
    return figure


def hidden_figure(tokens: Sequence[str], states: np.ndarray, title: str) -> go.Figure:
    """A (time, units) hidden-state matrix as a heatmap, the token on hover."""
    figure = go.Figure(
        go.Heatmap(
            z=states,
            x=list(range(states.shape[1])),
            y=[f"{t}: {_short(token)}" for t, token in enumerate(tokens)],
            zmid=0,
            colorscale="RdBu",
            hovertemplate="%{y}<br>unit %{x}: %{z:.3f}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis_title="unit",
        yaxis=dict(autorange="reversed"),
        height=min(900, 120 + 26 * len(tokens)),
        margin=dict(l=10, r=10, t=40, b=10),
    )
    return figure
