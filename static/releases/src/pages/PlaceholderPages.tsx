import { NotConfigured } from '../components/NotConfigured';

export function GoNoGoPage() {
  return (
    <NotConfigured title="Go/No-Go is not configured yet">
      <p>
        This page will hold the Go/No-Go decision for each upcoming version: a readiness checklist, the sign-offs of the
        people responsible, and the recorded decision with who made it and when.
      </p>
      <p>Nothing has been set up for this project yet, so there is nothing to show.</p>
    </NotConfigured>
  );
}

export function EnvironmentsPage() {
  return (
    <NotConfigured title="Environments are not configured yet">
      <p>
        This page will show which version is deployed to each environment of the project (for example staging and
        production), from the deployments the app records from your CI pipeline or from version releases.
      </p>
      <p>No environments have been set up for this project yet, so there is nothing to show.</p>
    </NotConfigured>
  );
}

export function KpisPage() {
  return (
    <NotConfigured title="Delivery KPIs are not configured yet">
      <p>
        This page will show delivery KPIs for the project, such as how often versions are released, lead time for changes
        and how often releases ship late, computed from the versions and deployments the app records.
      </p>
      <p>No KPI data has been collected for this project yet, so there is nothing to show.</p>
    </NotConfigured>
  );
}
