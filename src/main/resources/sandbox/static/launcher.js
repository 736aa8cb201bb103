// The launcher's encounter list follows the chosen patient: only their visits are offered, today's or the most
// recent chosen. Without this script the server refuses an encounter of another patient and shows the right list.
document.addEventListener('DOMContentLoaded', function () {
  var patient = document.getElementById('patient');
  var encounter = document.getElementById('encounter');
  if (!patient || !encounter) {
    return;
  }
  patient.addEventListener('change', function () {
    var chosen = '';
    encounter.querySelectorAll('optgroup').forEach(function (group) {
      var own = group.getAttribute('data-patient') === patient.value;
      group.hidden = !own;
      group.disabled = !own;
      var preselected = own && group.querySelector('option[data-preselected]');
      if (preselected) {
        chosen = preselected.value;
      }
    });
    encounter.value = chosen;
  });
});
