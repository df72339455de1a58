// Options: the template library editor (issue 6). Owns #templates.
