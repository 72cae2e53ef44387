"""RNN Tagger Studio: the navigation between the app's pages."""

import streamlit as st

import app_state

st.set_page_config(page_title="RNN Tagger Studio", page_icon="🏷️", layout="wide")

pages = st.navigation(
    [
        st.Page("pages/data.py", title="Data", icon="📚", default=True),
        st.Page("pages/train.py", title="Train", icon="🏋️"),
        st.Page("pages/predict.py", title="Predict", icon="🔮"),
    ]
)
with st.sidebar:
    st.caption(
        "Many-to-many sequence tagging with a one-way and a bidirectional "
        "SimpleRNN, after the lecture *Lec-12: RNN many to many*."
    )
app_state.keep_widget_values()
pages.run()
