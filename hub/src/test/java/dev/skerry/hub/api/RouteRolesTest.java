package dev.skerry.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.access.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The route table as a whole: who may do what. */
class RouteRolesTest {
  private static Optional<Role> role(String method, String path) {
    return RouteRoles.find(method, path).orElseThrow().role();
  }

  @Test
  void onlyEnrollmentLoginAndAnExpiredDevicesRenewalRequestArePublic() {
    assertThat(
            RouteRoles.all().stream()
                .filter(r -> r.role().isEmpty())
                .map(r -> r.method() + " " + r.path()))
        .containsExactlyInAnyOrder(
            "POST /api/v1/enroll", "POST /api/v1/login", "POST /api/v1/renewals");
  }

  @Test
  void aViewerReadsDevicesAndDeploymentsButChangesNothing() {
    assertThat(role("GET", "/api/v1/devices/d1")).contains(Role.VIEWER);
    assertThat(role("GET", "/api/v1/deployments/web/revisions")).contains(Role.VIEWER);
    assertThat(
            RouteRoles.all().stream()
                .filter(r -> r.role().equals(Optional.of(Role.VIEWER)))
                .filter(r -> !r.method().equals("GET")))
        .extracting(r -> r.path())
        .containsExactlyInAnyOrder("/api/v1/logout", "/api/v1/tokens", "/api/v1/tokens/:id");
  }

  @Test
  void logsAndTheAuditTrailNeedAnOperator() {
    assertThat(role("GET", "/api/v1/devices/d1/workloads/web/logs")).contains(Role.OPERATOR);
    assertThat(role("GET", "/api/v1/audit")).contains(Role.OPERATOR);
  }

  @Test
  void renewalApprovalAndSigningKeyRotationNeedAnAdminWhileTheExpiredDevicesRequestIsPublic() {
    assertThat(role("GET", "/api/v1/renewals")).contains(Role.ADMIN);
    assertThat(role("POST", "/api/v1/renewals/pi-01/approve")).contains(Role.ADMIN);
    assertThat(role("POST", "/api/v1/signing-keys/rotate")).contains(Role.ADMIN);
    assertThat(RouteRoles.find("POST", "/api/v1/renewals"))
        .hasValueSatisfying(r -> assertThat(r.role()).isEmpty());
    assertThat(role("GET", "/api/v1/signing-keys")).contains(Role.VIEWER);
    assertThat(role("GET", "/api/v1/devices/d1/identity")).contains(Role.VIEWER);
  }

  @Test
  void anOperatorChangesWorkloadsAndLabels() {
    assertThat(role("PUT", "/api/v1/deployments/web")).contains(Role.OPERATOR);
    assertThat(role("POST", "/api/v1/deployments")).contains(Role.OPERATOR);
    assertThat(role("DELETE", "/api/v1/deployments/web")).contains(Role.OPERATOR);
    assertThat(role("POST", "/api/v1/deployments/web/rollback")).contains(Role.OPERATOR);
    assertThat(role("POST", "/api/v1/devices/d1/workloads/web/restart")).contains(Role.OPERATOR);
    assertThat(role("PUT", "/api/v1/devices/d1/labels")).contains(Role.OPERATOR);
  }

  @Test
  void usersJoinTokensAndRevocationNeedAnAdmin() {
    assertThat(role("POST", "/api/v1/users")).contains(Role.ADMIN);
    assertThat(role("GET", "/api/v1/users")).contains(Role.ADMIN);
    assertThat(role("DELETE", "/api/v1/users/ana")).contains(Role.ADMIN);
    assertThat(role("POST", "/api/v1/join-tokens")).contains(Role.ADMIN);
    assertThat(role("POST", "/api/v1/devices/d1/revoke")).contains(Role.ADMIN);
  }

  @Test
  void aParameterMatchesOneNonEmptySegmentOnly() {
    assertThat(RouteRoles.find("GET", "/api/v1/devices/")).isEmpty();
    assertThat(RouteRoles.find("GET", "/api/v1/devices/a/b")).isEmpty();
    assertThat(RouteRoles.find("PATCH", "/api/v1/devices/a")).isEmpty();
  }

  @Test
  void nothingWritesTheAuditTrail() {
    assertThat(RouteRoles.all())
        .filteredOn(r -> r.path().startsWith("/api/v1/audit"))
        .extracting(r -> r.method())
        .containsExactly("GET");
  }

  @Test
  void namesEveryServedRouteThatHasNoRole() {
    assertThat(RouteRoles.missing(List.of("GET /api/v1/devices", "POST /api/v1/frobnicate")))
        .containsExactly("POST /api/v1/frobnicate");
  }

  @Test
  void theTableHasOneRulePerRoute() {
    assertThat(RouteRoles.all().stream().map(r -> r.method() + " " + r.path()).distinct())
        .hasSameSizeAs(RouteRoles.all());
  }
}
