package testbed

// Icons are plain paths; like the real ones they carry no text.

func icon(d string) *node {
	return el("svg", a("viewBox", "0 0 24 24", "width", "20", "height", "20", "fill", "currentColor", "aria-hidden", "true"),
		el("path", a("d", d)))
}

func logo() *node {
	return el("svg", a("viewBox", "0 0 36 36", "width", "40", "height", "40", "fill", "#0866ff", "aria-hidden", "true"),
		el("path", a("d", "M20.18 35.87C29.04 34.4 36 26.64 36 18 36 8.06 27.94 0 18 0S0 8.06 0 18c0 8.64 6.96 16.4 15.82 17.87V23.2h-4.5V18h4.5v-3.96c0-4.5 2.68-6.98 6.78-6.98 1.96 0 4.02.35 4.02.35v4.42h-2.27c-2.23 0-2.93 1.39-2.93 2.81V18h4.99l-.8 5.2h-4.19z")),
		el("path", a("fill", "#fff", "d", "M24.99 23.2l.8-5.2h-4.99v-3.38c0-1.42.7-2.81 2.93-2.81h2.27V7.39s-2.06-.35-4.02-.35c-4.1 0-6.78 2.49-6.78 6.98V18h-4.5v5.2h4.5v12.67a18 18 0 005.63 0V23.2z")))
}

func homeIcon() *node { return icon("M12 3l9 8h-3v9h-5v-6h-2v6H6v-9H3z") }
func friendsIcon() *node {
	return icon("M9 12a4 4 0 100-8 4 4 0 000 8zm7 0a3 3 0 100-6 3 3 0 000 6zM2 20c0-3.9 3.1-6 7-6s7 2.1 7 6zm15 0c0-1.9-.6-3.5-1.8-4.6 3.2-.3 6.8 1 6.8 4.6z")
}
func videoIcon() *node {
	return icon("M3 5h13a2 2 0 012 2v2l4-3v12l-4-3v2a2 2 0 01-2 2H3a2 2 0 01-2-2V7a2 2 0 012-2z")
}
func groupsIcon() *node {
	return icon("M12 4a3 3 0 110 6 3 3 0 010-6zM5 8a2.5 2.5 0 110 5 2.5 2.5 0 010-5zm14 0a2.5 2.5 0 110 5 2.5 2.5 0 010-5zM6 19c0-3.3 2.7-6 6-6s6 2.7 6 6z")
}
func menuIcon() *node {
	return icon("M4 4h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4zM4 10h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4zM4 16h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4z")
}
func chatIcon() *node {
	return icon("M12 2C6.5 2 2 6.1 2 11.2c0 2.9 1.4 5.5 3.7 7.2V22l3.4-1.9c.9.3 1.9.4 2.9.4 5.5 0 10-4.1 10-9.2S17.5 2 12 2zm1 12.4l-2.6-2.7-5 2.7 5.5-5.8 2.6 2.7 4.9-2.7z")
}
func bellIcon() *node {
	return icon("M12 22a2.5 2.5 0 002.5-2.5h-5A2.5 2.5 0 0012 22zm7-6V11a7 7 0 00-5-6.7V3a2 2 0 10-4 0v1.3A7 7 0 005 11v5l-2 2v1h18v-1z")
}
func profileIcon() *node {
	return icon("M12 12a5 5 0 100-10 5 5 0 000 10zm0 2c-4.4 0-8 2.2-8 5v3h16v-3c0-2.8-3.6-5-8-5z")
}
func arrowIcon() *node { return icon("M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z") }
