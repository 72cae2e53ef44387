"""RNN Tagger Studio: the navigation between the app's pages."""

import streamlit as st

import share

st.set_page_config(
    page_title="RNN Tagger Studio", page_icon=":material/label:", layout="wide"
)


def page(name: str) -> str:
    return f"app_pages/{name}.py"


pages = st.navigation(
    [
        st.Page(
            page("data"), title="Data", icon=":material/table_chart:", default=True
        ),
        st.Page(page("lecture"), title="Follow the lecture", icon=":material/school:"),
        st.Page(page("train"), title="Train", icon=":material/model_training:"),
        st.Page(page("predict"), title="Predict", icon=":material/edit_note:"),
        st.Page(page("evaluate"), title="Evaluate", icon=":material/fact_check:"),
        st.Page(page("inside"), title="Inside the RNN", icon=":material/hub:"),
        st.Page(page("masking"), title="Why pads are masked", icon=":material/masks:"),
    ]
)
# what a shared link names, before any page reads it: the corpus, the models
share.open_shared_corpus(pages)
share.train_shared_models()
with st.sidebar:
    st.caption(
        "Many-to-many sequence tagging with a one-way and a bidirectional "
        "SimpleRNN, after the lecture *Lec-12: RNN many to many*."
    )
    share_slot = st.empty()
share.show_setup(share_slot)
pages.run()
share.show_setup(share_slot)  # again, with what the page changed: a model, a sentence
