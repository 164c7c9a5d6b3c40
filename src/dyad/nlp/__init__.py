"""NLP stage: spaCy pipeline components that turn article text into actors, events, quotes and issues."""
