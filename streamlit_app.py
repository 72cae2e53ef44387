"""RNN Tagger Studio: the navigation between the app's pages."""

import streamlit as st

st.set_page_config(
    page_title="RNN Tagger Studio", page_icon=":material/label:", layout="wide"
)

pages = st.navigation(
    [
        st.Page(
            "pages/data.py", title="Data", icon=":material/table_chart:", default=True
        ),
        st.Page("pages/train.py", title="Train", icon=":material/model_training:"),
        st.Page("pages/predict.py", title="Predict", icon=":material/edit_note:"),
        st.Page("pages/evaluate.py", title="Evaluate", icon=":material/fact_check:"),
        st.Page("pages/inside.py", title="Inside the RNN", icon=":material/hub:"),
    ]
)
with st.sidebar:
    st.caption(
        "Many-to-many sequence tagging with a one-way and a bidirectional "
        "SimpleRNN, after the lecture *Lec-12: RNN many to many*."
    )
pages.run()
