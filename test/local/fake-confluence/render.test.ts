import { renderStorage, stripDangerous } from '../../../local/fake-confluence/render';

describe('storage format rendering', () => {
  it('shows plain-text macro bodies as text in a labelled box', () => {
    const html = renderStorage(
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter><ac:plain-text-body><![CDATA[if (a < b) { run(); }]]></ac:plain-text-body></ac:structured-macro>',
    );
    expect(html).toBe(
      '<div class="macro" data-macro="code"><div class="macro-label">code <span class="macro-params">(language=js)</span></div><div class="macro-body"><pre>if (a &lt; b) { run(); }</pre></div></div>',
    );
  });

  it('renders self-closing macros, emoticons, links, tasks and dates', () => {
    const html = renderStorage(
      [
        '<ac:structured-macro ac:name="toc"/>',
        '<p><ac:emoticon ac:name="tick"/> <ac:link><ri:page ri:content-title="Release 0.9"/></ac:link></p>',
        '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Sign off</ac:task-body></ac:task></ac:task-list>',
        '<p><time datetime="2026-03-01"/></p>',
      ].join(''),
    );
    expect(html).toContain('<div class="macro" data-macro="toc"><div class="macro-label">toc</div></div>');
    expect(html).toContain('<p>✅ <span class="link">Release 0.9</span></p>');
    expect(html).toContain('<ul class="tasks"><li>☑ Sign off</li></ul>');
    expect(html).toContain('<time>2026-03-01</time>');
    expect(html).not.toContain('ac:');
  });

  it('defaults a status lozenge to grey and its colour name', () => {
    expect(renderStorage('<ac:structured-macro ac:name="status"></ac:structured-macro>')).toMatch(/data-colour="grey"[^>]*>GREY</);
  });

  it('strips script, event handlers and script URLs, keeping the rest', () => {
    expect(
      stripDangerous('<p onclick="x()">a</p><SCRIPT src="s.js"></SCRIPT><iframe src="https://x"></iframe><a href=" javascript:x()">b</a><img src="data:text/html,x"/>'),
    ).toBe('<p>a</p><a href="#">b</a><img src="#"/>');
  });
});
