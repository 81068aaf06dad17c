import { ROUTES, type RouteId } from '../routes';
import { color, font, space } from '../design';

interface Props {
  current: RouteId;
  onNavigate: (route: RouteId) => void;
}

/**
 * Tab-like navigation between the sub-pages. Jira shows the manifest's `pages` in its own menu
 * too, but not every host does, so the page carries its own.
 */
export function SubPageNav({ current, onNavigate }: Props) {
  return (
    <nav aria-label="Release pages" style={{ borderBottom: `2px solid ${color.border}`, marginBottom: space.s200 }}>
      <ul style={{ display: 'flex', gap: space.s050, listStyle: 'none', margin: 0, padding: 0, flexWrap: 'wrap' }}>
        {ROUTES.map((route) => {
          const active = route.id === current;
          return (
            <li key={route.id} style={{ margin: 0 }}>
              <button
                type="button"
                aria-current={active ? 'page' : undefined}
                data-testid={`nav-${route.id}`}
                onClick={() => onNavigate(route.id)}
                className="rr-tab"
                style={{
                  font: font.body,
                  fontWeight: active ? 600 : 500,
                  color: active ? color.textSelected : color.textSubtle,
                  background: 'none',
                  border: 'none',
                  borderBottom: `2px solid ${active ? color.borderSelected : 'transparent'}`,
                  marginBottom: '-2px',
                  padding: `${space.s100} ${space.s100}`,
                  cursor: 'pointer',
                }}
              >
                {route.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
