"""Chart builders: what a figure shows, read from its Plotly data."""

from tagger.charts import loss_figure


def test_a_loss_chart_names_its_line_even_when_it_is_alone():
    figure = loss_figure({"birnn": [(1, 0.9), (2, 0.4)]}, {"birnn": "bidirectional"})

    assert figure.layout.showlegend is True
    assert [trace.name for trace in figure.data] == ["bidirectional"]


def test_a_loss_of_zero_is_drawn_on_the_log_axis_floor():
    figure = loss_figure({"rnn": [(1, 0.5), (2, 0.0)]})

    assert list(figure.data[0].y)[1] > 0
