import streamlit as st

st.title("internal")
st.info("This page is being built.")
