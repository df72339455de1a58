package core

// ContextSelector is the CSS selector of the elements whose markup a node
// added under them needs in order to be read, on the page at url: on
// facebook.com and messenger.com, the conversations that hold a message
// grid. "" when the page's site has none. The strict-CSP fallback, which
// sends markup to the core instead of live nodes, sends the enclosing match.
func (e *Engine) ContextSelector(url string) string {
	site, _ := e.Sites.Locate(url)
	if site == nil || site.ID != "facebook" {
		return ""
	}
	return e.Messenger.ContextSelector()
}
