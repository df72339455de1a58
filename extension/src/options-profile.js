// Options: the clinic profile form (issue 6). Owns #clinic.
