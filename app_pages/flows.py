import streamlit as st

st.title("flows")
st.info("This page is being built.")
