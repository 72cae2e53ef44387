"""Plotly figure builders for the pages; each returns a figure and shows nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

RUN_COLORS = {"rnn": "#EF553B", "birnn": "#636EFA"}
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
            customdata=np.asarray(hover, dtype=object),
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


def loss_figure(runs: Mapping[str, Sequence[tuple[int, float]]]) -> go.Figure:
    """Training loss per epoch, one line per named run, on a log axis."""
    figure = go.Figure()
    for name, points in runs.items():
        epochs = [epoch for epoch, _ in points]
        losses = [loss for _, loss in points]
        figure.add_trace(
            go.Scatter(
                x=epochs,
                y=losses,
                mode="lines+markers",
                name=name,
                line=dict(color=RUN_COLORS.get(name.split()[0])),
                marker=dict(size=5),
            )
        )
    figure.update_layout(
        xaxis_title="epoch",
        yaxis_title="sequence loss",
        yaxis_type="log",
        height=360,
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", y=1.12),
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
    x = [f"{t}: {token}" for t, token in enumerate(tokens)]
    for col, (name, probs) in enumerate(views.items(), start=1):
        figure.add_trace(
            go.Heatmap(
                z=probs.T,
                x=x,
                y=list(tags),
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
            x=list(counts),
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
            x=list(labels),
            y=list(labels),
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
