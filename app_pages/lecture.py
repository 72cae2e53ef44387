"""Lecture page: the lecture's four steps in order, each figure beside the lecture's.

Steps 2 to 4 need TensorFlow; step 1 does not import it, so the page opens fast.
"""

import streamlit as st

from lecture_steps import (
    move_to,
    show_data,
    show_model,
    show_predictions,
    show_training,
)
from tagger.corpus import lecture_corpus
from tagger.vocab import encode_corpus

STEPS = {1: "Data", 2: "Model", 3: "Training", 4: "Checking the predictions"}

st.title("Follow the lecture")
st.write(
    "The lecture *Lec-12: RNN many to many* in its four steps. Every figure the "
    "lecture prints stands beside the one the app computes, so you can check them "
    "with the lecture in hand."
)
if "lecture_step" not in st.session_state:
    # a link names its step by number, lecture_step=3; the first step otherwise
    asked = st.query_params.get("lecture_step", "")
    st.session_state.lecture_step = int(asked) if asked in map(str, STEPS) else 1
step = st.segmented_control(
    "Step",
    list(STEPS),
    required=True,
    format_func=lambda s: f"{s} · {STEPS[s]}",
    key="lecture_step",
    persist_state="session",
    label_visibility="collapsed",
)
st.query_params["lecture_step"] = str(step)  # so the address, and a link, name it
st.header(f"Step {step}: {STEPS[step]}", divider="gray")
corpus = lecture_corpus()
show = {1: show_data, 2: show_model, 3: show_training, 4: show_predictions}[step]
show(corpus, encode_corpus(corpus))

st.divider()
with st.container(horizontal=True, horizontal_alignment="distribute"):
    for label, target, icon, side in (
        ("Previous step", step - 1, ":material/arrow_back:", "left"),
        ("Next step", step + 1, ":material/arrow_forward:", "right"),
    ):
        st.button(
            label,
            f"lecture_{'previous' if target < step else 'next'}",
            icon=icon,
            icon_position=side,
            disabled=target not in STEPS,
            on_click=move_to,
            args=(target,),
        )
