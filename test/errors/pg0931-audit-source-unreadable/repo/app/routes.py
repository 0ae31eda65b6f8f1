from generated.permissions import Action, Resource, require_permission

require_permission(Resource.ALERT, Action.READ)
